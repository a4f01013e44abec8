import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Captions images through an OpenAI-compatible `POST {server}/v1/chat/completions`
/// (Ollama, vLLM, llama.cpp server, LM Studio): one user message holding the prompt and the
/// image as a base64 data URL. Retries rate limits, server errors, timeouts, dropped
/// connections and malformed answers per `retry`, honouring `Retry-After`.
public struct ChatCompletionsClient: Captioner {
    public var server: URL
    public var model: String
    public var prompt: String
    /// Sent as `Authorization: Bearer …` when set.
    public var apiKey: String?
    /// Seconds one request may take.
    public var timeout: Double
    public var retry: RetryPolicy
    public var maxTokens: Int?
    private let session: URLSession

    /// The API key from `REME_API_KEY`, else `OPENAI_API_KEY`.
    public static var environmentAPIKey: String? {
        let env = ProcessInfo.processInfo.environment
        return env["REME_API_KEY"] ?? env["OPENAI_API_KEY"]
    }

    public init(server: URL, model: String, prompt: String = defaultCaptionPrompt,
                apiKey: String? = ChatCompletionsClient.environmentAPIKey, timeout: Double = 120,
                retry: RetryPolicy = RetryPolicy(), maxTokens: Int? = nil) {
        self.server = server
        self.model = model
        self.prompt = prompt
        self.apiKey = apiKey
        self.timeout = timeout
        self.retry = retry
        self.maxTokens = maxTokens
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = timeout
        configuration.timeoutIntervalForResource = timeout
        configuration.httpMaximumConnectionsPerHost = 64
        session = URLSession(configuration: configuration)
    }

    /// The endpoint: `server` + `/v1/chat/completions` (a server URL already ending in `/v1` is kept).
    public var endpoint: URL {
        var base = server.absoluteString
        while base.hasSuffix("/") { base.removeLast() }
        if !base.hasSuffix("/v1") { base += "/v1" }
        return URL(string: base + "/chat/completions") ?? server
    }

    public func caption(imageAt url: URL) async throws(CaptionError) -> String {
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw .unreadable(path: url.path, reason: error.localizedDescription)
        }
        let mime = url.pathExtension.lowercased() == "png" ? "image/png" : "image/jpeg"
        return try await caption(imageData: data, mimeType: mime)
    }

    /// Captions encoded image bytes, retrying per `retry`.
    public func caption(imageData: Data, mimeType: String = "image/jpeg") async throws(CaptionError) -> String {
        let request = try makeRequest(imageData: imageData, mimeType: mimeType)
        var lastError = CaptionError.transport("no attempt made")
        for attempt in 1...retry.maxAttempts {
            var retryAfter: Double? = nil
            do {
                let (body, response) = try await session.data(for: request)
                guard let http = response as? HTTPURLResponse else { throw CaptionError.transport("not an HTTP response") }
                if http.statusCode == 200 {
                    return try Self.parseContent(body)
                }
                let text = String(decoding: body.prefix(500), as: UTF8.self)
                let error = CaptionError.http(status: http.statusCode, body: text)
                guard RetryPolicy.isRetryable(status: http.statusCode) else { throw error }
                retryAfter = RetryPolicy.parseRetryAfter(http.value(forHTTPHeaderField: "Retry-After"))
                lastError = error
            } catch let error as CaptionError {
                if case .http = error { throw error }  // a non-retryable status
                lastError = error
            } catch is CancellationError {
                throw .transport("cancelled")
            } catch {
                lastError = .transport(Self.describe(error))
            }
            if attempt == retry.maxAttempts { break }
            let wait = retry.delay(afterAttempt: attempt, retryAfter: retryAfter)
            do { try await Task.sleep(nanoseconds: UInt64(wait * 1e9)) } catch { throw .transport("cancelled") }
        }
        throw .gaveUp(attempts: retry.maxAttempts, last: lastError.description)
    }

    private func makeRequest(imageData: Data, mimeType: String) throws(CaptionError) -> URLRequest {
        var request = URLRequest(url: endpoint, timeoutInterval: timeout)
        request.httpMethod = "POST"
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        if let apiKey, !apiKey.isEmpty { request.setValue("Bearer \(apiKey)", forHTTPHeaderField: "Authorization") }
        let body = ChatRequest(
            model: model,
            messages: [.init(role: "user", content: [
                .init(type: "text", text: prompt, image_url: nil),
                .init(type: "image_url", text: nil,
                      image_url: .init(url: "data:\(mimeType);base64,\(imageData.base64EncodedString())")),
            ])],
            max_tokens: maxTokens, stream: false)
        do { request.httpBody = try JSONEncoder().encode(body) } catch {
            throw .malformedResponse("cannot encode request: \(error)")
        }
        return request
    }

    /// `choices[0].message.content` of a chat-completions answer (a string, or text parts).
    static func parseContent(_ body: Data) throws(CaptionError) -> String {
        let answer: ChatResponse
        do { answer = try JSONDecoder().decode(ChatResponse.self, from: body) } catch {
            throw .malformedResponse("not a chat-completions JSON object: \(String(decoding: body.prefix(120), as: UTF8.self))")
        }
        guard let content = answer.choices.first?.message.content else {
            throw .malformedResponse("no choices[0].message.content")
        }
        let text = content.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else { throw .malformedResponse("empty caption") }
        return text
    }

    private static func describe(_ error: Error) -> String {
        if let url = error as? URLError {
            switch url.code {
            case .timedOut: return "timed out"
            case .networkConnectionLost: return "connection lost"
            case .cannotConnectToHost: return "cannot connect to host"
            default: return "URL error \(url.code.rawValue): \(url.localizedDescription)"
            }
        }
        return error.localizedDescription
    }
}

private struct ChatRequest: Encodable {
    struct Message: Encodable { var role: String; var content: [Part] }
    struct Part: Encodable {
        struct ImageURL: Encodable { var url: String }
        var type: String
        var text: String?
        var image_url: ImageURL?
    }
    var model: String
    var messages: [Message]
    var max_tokens: Int?
    var stream: Bool
}

private struct ChatResponse: Decodable {
    struct Choice: Decodable { var message: Message }
    struct Message: Decodable {
        var content: String?
        init(from decoder: Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            if let text = try? container.decode(String.self, forKey: .content) {
                content = text
            } else if let parts = try? container.decode([Part].self, forKey: .content) {
                content = parts.compactMap(\.text).joined(separator: " ")
            } else {
                content = nil
            }
        }
        enum CodingKeys: String, CodingKey { case content }
        struct Part: Decodable { var text: String? }
    }
    var choices: [Choice]
}
