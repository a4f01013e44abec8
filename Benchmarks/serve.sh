#!/usr/bin/env bash
# `reme serve` throughput and latency (Benchmarks/README.md, "Serve"): requests per second and
# p50/p95/p99 at 1, 2, 4 and 16 concurrent clients on one 500×375 VOC photo with 8 labels, peak
# RSS of the server, and the server's overhead over `reme segment` on the same image at one
# client (interleaved: segment, serve, segment, serve …). Release build; loopback only.
#
#   MODELS=DIR REFSET=FILE Benchmarks/serve.sh        # models from scripts/make_model_fixtures.py
#   (defaults: the tiny test models, CLIP-only baseline)
# Env: REQUESTS (per client, default 20), ROUNDS (overhead rounds, default 5), K (images per
# overhead sample, default 10), SECTIONS ("throughput overhead", the default, or one of them),
# OPENBLAS_CORETYPE.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --product reme >/dev/null 2>&1
REME=.build/release/reme
IMAGE=${IMAGE:-/usr/share/doc/labelme-examples/examples/semantic_segmentation/data_dataset_voc/JPEGImages/2011_000025.jpg}
LABELS=${LABELS:-"person, bus, car, road, building, sky, tree, grass"}
REQUESTS=${REQUESTS:-20}
ROUNDS=${ROUNDS:-5}
SECTIONS=${SECTIONS:-throughput overhead}
has() { [[ " $SECTIONS " == *" $1 "* ]]; }
work=$(mktemp -d)
trap 'kill $SERVER 2>/dev/null || true; rm -rf "$work"' EXIT
if [ -z "${MODELS:-}" ]; then
    mkdir -p "$work/clip"
    cp Tests/Fixtures/models/clip_tiny/{config.json,model.safetensors} "$work/clip/"
    cp Tests/Fixtures/pipeline/clip_tiny_tokenizer/{vocab.json,merges.txt} "$work/clip/"
    CLIP=$work/clip
else
    CLIP=$MODELS/clip; VISUAL=$MODELS/dinov2
fi
MODEL_ARGS=(--clip "$CLIP")
if [ -n "${REFSET:-}" ]; then MODEL_ARGS+=(--visual "$VISUAL" --reference "$REFSET"); fi
corename=$(python3 -c "import ctypes; l = ctypes.CDLL('libopenblas.so.0'); l.openblas_get_corename.restype = ctypes.c_char_p; print(l.openblas_get_corename().decode())")
echo "cpu: $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) cores, OPENBLAS_CORETYPE=${OPENBLAS_CORETYPE:-unset}, openblas_get_corename() = $corename"
echo "flags: $(lscpu | sed -n 's/^Flags: *//p' | tr ' ' '\n' | grep -E '^(avx2|fma|avx512f|avx512_bf16|avx512_vnni|avx512bw)$' | tr '\n' ' ')"
echo "image: $IMAGE, labels: $LABELS"

start_server() {
    "$REME" serve --port 0 --workers "${WORKERS:-1}" --queue 64 "${MODEL_ARGS[@]}" >"$work/serve.log" 2>&1 &
    SERVER=$!
    for _ in $(seq 600); do
        PORT=$(sed -n "s/.*listening on http:\/\/127.0.0.1:\([0-9]*\) .*/\1/p" "$work/serve.log" 2>/dev/null || true)
        [ -n "$PORT" ] && return
        sleep 0.1
    done
    echo "server did not start"; cat "$work/serve.log"; exit 1
}

start_server
python3 Benchmarks/serve_load.py --port "$PORT" --image "$IMAGE" --labels "$LABELS" --clients 1 --requests 2 >/dev/null  # warm-up
if has throughput; then
echo "| clients | requests | ok | req/s | p50 ms | p95 ms | p99 ms |"
echo "| ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
for clients in 1 2 4 16; do
    python3 Benchmarks/serve_load.py --port "$PORT" --image "$IMAGE" --labels "$LABELS" --clients "$clients" --requests "$REQUESTS" --markdown
done
echo "server peak RSS: $(sed -n 's/^VmHWM: *//p' /proc/$SERVER/status)"
fi
has overhead || exit 0

# Overhead at one client: the per-image time of `reme segment` (model loading excluded: the
# difference of a run over K+1 copies and a run over 1 copy, divided by K) vs the server's p50.
K=${K:-10}
mkdir -p "$work/one" "$work/many" "$work/out1" "$work/outK"
cp "$IMAGE" "$work/one/a.jpg"
for i in $(seq 0 "$K"); do cp "$IMAGE" "$work/many/a$i.jpg"; done
echo "| round | reme segment, s/image | reme serve p50, s | serve / segment |"
echo "| ---: | ---: | ---: | ---: |"
for round in $(seq "$ROUNDS"); do
    t1=$( { /usr/bin/time -f %e "$REME" segment "$work/one/a.jpg" --labels "$LABELS" "${MODEL_ARGS[@]}" --output "$work/out1.png" --overlay "$work/out1o.png" >/dev/null; } 2>&1 | tail -1)
    tK=$( { /usr/bin/time -f %e "$REME" segment "$work"/many/*.jpg --labels "$LABELS" "${MODEL_ARGS[@]}" --output "$work/outK" --overlay "$work/outKo" >/dev/null; } 2>&1 | tail -1)
    seg=$(python3 -c "print(round(($tK - $t1) / $K, 4))")
    p50=$(python3 Benchmarks/serve_load.py --port "$PORT" --image "$IMAGE" --labels "$LABELS" --clients 1 --requests "$K" \
        | python3 -c 'import json,sys; print(json.load(sys.stdin)["p50_ms"] / 1000)')
    echo "| $round | $seg | $p50 | $(python3 -c "print(round($p50 / $seg, 3))") |"
done
