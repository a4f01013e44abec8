"""The pieces of scripts/browser_check.py: a WebSocket client, the two browser protocols, the page scenario."""
