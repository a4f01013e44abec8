import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// One line for a Foundation file error: the path and the reason, never
/// "Error Domain=NSCocoaErrorDomain Code=…".
enum FoundationErrorMessage {
    static func text(for error: NSError) -> String? {
        guard error.domain == NSCocoaErrorDomain || error.domain == NSPOSIXErrorDomain else { return nil }
        let path = (error.userInfo[NSFilePathErrorKey] as? String)
            ?? (error.userInfo[NSURLErrorKey] as? URL)?.path
        let text = reason(for: error)
        return path.map { "\($0): \(text)" } ?? text
    }

    private static func reason(for error: NSError) -> String {
        if error.domain == NSPOSIXErrorDomain { return String(cString: strerror(Int32(error.code))) }
        if let underlying = error.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            return String(cString: strerror(Int32(underlying.code)))
        }
        switch CocoaError.Code(rawValue: error.code) {
        case .fileNoSuchFile, .fileReadNoSuchFile: return "no such file or folder"
        case .fileWriteFileExists: return "something already exists there"
        case .fileReadNoPermission, .fileWriteNoPermission: return "permission denied"
        case .fileWriteOutOfSpace: return "no space left on the device"
        case .fileWriteVolumeReadOnly: return "cannot write there (read-only, or the folder does not exist)"
        case .fileWriteInvalidFileName, .fileReadInvalidFileName: return "invalid file name"
        case .fileReadCorruptFile: return "the file is damaged or not in the expected format"
        case .fileReadInapplicableStringEncoding: return "the file is not text in the expected encoding"
        case .fileReadTooLarge: return "the file is too large"
        default: return "file operation failed (Foundation error \(error.code))"
        }
    }
}
