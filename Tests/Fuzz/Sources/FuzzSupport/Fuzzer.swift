import CFuzzer
import Glibc

/// Starts libFuzzer with the command line's options on the target's
/// `LLVMFuzzerTestOneInput`, then exits with libFuzzer's status. A trap, a failed
/// precondition or an AddressSanitizer report in the target is a crash that libFuzzer
/// saves as `crash-<sha1>`.
public enum Fuzzer {
    public static func main() -> Never {
        var argc = CommandLine.argc
        var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
        exit(LLVMFuzzerRunDriver(&argc, &argv) { data, size in LLVMFuzzerTestOneInput(data, size) })
    }

    /// The input as a buffer (libFuzzer passes a null pointer for the empty input).
    public static func input(_ data: UnsafePointer<UInt8>?, _ size: Int) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(start: size == 0 ? nil : data, count: size)
    }
}
