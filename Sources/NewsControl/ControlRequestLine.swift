import Foundation

/// How the daemon reads one request line from a client: the request, or the failure
/// reply that says why the line is not one. Pure (no socket), so `ControlServer` and the
/// control-protocol fuzzer (Tests/Fuzz) run the same code on the same bytes.
public enum ControlRequestLine {
    public enum Parsed: Sendable, Equatable {
        case request(ControlRequest)
        case rejected(ControlReply)
    }

    public static func parse(_ line: some Collection<UInt8>) -> Parsed {
        do {
            return .request(try ControlCoding.decode(ControlRequest.self, from: line))
        } catch {
            // A well-formed object with an unknown verb gets a more useful answer.
            let verb = (try? JSONSerialization.jsonObject(with: Data(line)) as? [String: Any])?["verb"] as? String
            if let verb {
                return .rejected(.failure(.unknownVerb, "unknown verb '\(verb)'; known: \(ControlVerb.allCases.map(\.rawValue).joined(separator: ", "))"))
            }
            return .rejected(.failure(.badRequest, "not a control request: expected {\"verb\": …} on one line"))
        }
    }
}
