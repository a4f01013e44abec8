import Foundation
import ReMETestSupport

extension LocalHTTPServer {
    /// A chat-completions answer whose message content is `text`.
    static func completion(_ text: String) -> Data {
        let escaped = (try? JSONEncoder().encode(text)).map { String(decoding: $0, as: UTF8.self) } ?? "\"\""
        return Data((#"{"id":"x","object":"chat.completion","choices":[{"index":0,"message":{"role":"assistant","content":"#
            + escaped + #"},"finish_reason":"stop"}]}"#).utf8)
    }

    /// A 200 answer whose connection is reset halfway through the body.
    static func cutHalfway(_ body: Data) -> Reply {
        .cutAfter(bytes: body.count / 2, status: 200, headers: ["Content-Type": "application/json"], body: body)
    }
}
