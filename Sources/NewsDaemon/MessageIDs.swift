/// Fixed journald MESSAGE_IDs, one per event kind (`journalctl MESSAGE_ID=…`,
/// explained by `Deploy/newsd.catalog` under `journalctl -x`). Never change one.
public enum MessageID {
    public static func forEvent(_ event: String) -> String? { table[event] }

    static let table: [String: String] = [
        LogEvent.started.rawValue: "5d0f1f1bd5b54d8f9a6e1a0c3b7e2f01",
        LogEvent.stored.rawValue: "5d0f1f1bd5b54d8f9a6e1a0c3b7e2f02",
        LogEvent.duplicate.rawValue: "5d0f1f1bd5b54d8f9a6e1a0c3b7e2f03",
        LogEvent.quarantined.rawValue: "5d0f1f1bd5b54d8f9a6e1a0c3b7e2f04",
        LogEvent.storeRecovered.rawValue: "5d0f1f1bd5b54d8f9a6e1a0c3b7e2f05",
        LogEvent.overflowRescan.rawValue: "5d0f1f1bd5b54d8f9a6e1a0c3b7e2f06",
        LogEvent.reloaded.rawValue: "5d0f1f1bd5b54d8f9a6e1a0c3b7e2f07",
        LogEvent.stopping.rawValue: "5d0f1f1bd5b54d8f9a6e1a0c3b7e2f08",
        LogEvent.storeError.rawValue: "5d0f1f1bd5b54d8f9a6e1a0c3b7e2f09",
        LogEvent.tornTail.rawValue: "5d0f1f1bd5b54d8f9a6e1a0c3b7e2f0a",
        LogEvent.corruptLine.rawValue: "5d0f1f1bd5b54d8f9a6e1a0c3b7e2f0b",
        LogEvent.reloadFailed.rawValue: "5d0f1f1bd5b54d8f9a6e1a0c3b7e2f0c",
        LogEvent.storeStalled.rawValue: "5d0f1f1bd5b54d8f9a6e1a0c3b7e2f0d",
        LogEvent.storeResumed.rawValue: "5d0f1f1bd5b54d8f9a6e1a0c3b7e2f0e",
        LogEvent.segmentRestored.rawValue: "5d0f1f1bd5b54d8f9a6e1a0c3b7e2f0f",
        LogEvent.inboxMissing.rawValue: "5d0f1f1bd5b54d8f9a6e1a0c3b7e2f10",
        LogEvent.inboxRestored.rawValue: "5d0f1f1bd5b54d8f9a6e1a0c3b7e2f11",
        LogEvent.segmentMissing.rawValue: "5d0f1f1bd5b54d8f9a6e1a0c3b7e2f12",
    ]
}
