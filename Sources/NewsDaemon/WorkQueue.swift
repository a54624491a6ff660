import Foundation
import NewsStore

/// Paths waiting for a worker: first in, first out, each path at most once.
///
/// A path that is queued again while a worker holds it is remembered and handed out
/// once more after `finish` (the file was rewritten while being read). Bounded: past
/// `capacity` new paths are refused and `overflowed` is set, so the owner can rescan
/// the inbox once the queue has drained (nothing is lost, only deferred).
final class WorkQueue: @unchecked Sendable {
    private let condition = NSCondition()
    private var items: [InboxPath] = []
    private var head = 0
    private var queued: Set<InboxPath> = []
    private var active: Set<InboxPath> = []
    private var again: Set<InboxPath> = []
    private var closed = false
    private var paused = false
    /// Set while the store cannot write: like `paused`, but owned by the pipeline, so
    /// an operator's pause and a store stall never undo each other.
    private var stalled = false
    private var capacity: Int
    private(set) var overflowed = false

    init(capacity: Int) { self.capacity = capacity }

    /// Queues `path`; false when the queue is full (and `overflowed` is now set).
    @discardableResult
    func add(_ path: InboxPath) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        if closed { return false }
        if active.contains(path) { again.insert(path); return true }
        if queued.contains(path) { return true }
        if queued.count >= capacity { overflowed = true; return false }
        queued.insert(path)
        items.append(path)
        condition.signal()
        return true
    }

    /// Tickets number the paths in the order they are handed out (see `TurnGate`).
    private var nextTicket: UInt64 = 0

    /// The next path and its ticket, waiting for one; nil once the queue is closed.
    func take() -> (InboxPath, UInt64)? {
        condition.lock()
        defer { condition.unlock() }
        while (head == items.count || paused || stalled) && !closed { condition.wait() }
        if closed { return nil }
        let path = items[head]
        head += 1
        if head > 4096 && head * 2 > items.count {
            items.removeFirst(head)
            head = 0
        }
        queued.remove(path)
        active.insert(path)
        defer { nextTicket += 1 }
        return (path, nextTicket)
    }

    /// Marks `path` done; requeues it if it was added again meanwhile.
    func finish(_ path: InboxPath) {
        condition.lock()
        defer { condition.unlock() }
        active.remove(path)
        if again.remove(path) != nil && !closed && !queued.contains(path) {
            queued.insert(path)
            items.append(path)
            condition.signal()
        }
        condition.broadcast()
    }

    /// While paused, paths are queued but not handed out (files wait in the inbox).
    func setPaused(_ value: Bool) {
        condition.lock()
        paused = value
        condition.broadcast()
        condition.unlock()
    }

    /// While stalled (the store cannot write), paths are queued but not handed out.
    func setStalled(_ value: Bool) {
        condition.lock()
        stalled = value
        condition.broadcast()
        condition.unlock()
    }

    var isPaused: Bool {
        condition.lock()
        defer { condition.unlock() }
        return paused
    }

    /// Stops handing out paths; queued ones stay in the inbox for the next start.
    func close() {
        condition.lock()
        closed = true
        condition.broadcast()
        condition.unlock()
    }

    /// Blocks until nothing is queued or in progress.
    func waitUntilIdle() {
        condition.lock()
        while head < items.count || !active.isEmpty { condition.wait() }
        condition.unlock()
    }

    /// Blocks until no path is held by a worker or awaiting the store.
    func waitForActive() {
        condition.lock()
        while !active.isEmpty { condition.wait() }
        condition.unlock()
    }

    /// Clears the overflow flag, returning whether it was set.
    func takeOverflow() -> Bool {
        condition.lock()
        defer { condition.unlock() }
        let was = overflowed
        overflowed = false
        return was
    }

    var depth: Int {
        condition.lock()
        defer { condition.unlock() }
        return items.count - head + active.count
    }

    func setCapacity(_ value: Int) {
        condition.lock()
        capacity = value
        condition.unlock()
    }
}

/// Lets workers through one at a time in ticket order: ticket n passes only after
/// every ticket before it has passed. Each ticket must pass exactly once.
final class TurnGate: @unchecked Sendable {
    private let condition = NSCondition()
    private var next: UInt64 = 0

    func wait(_ ticket: UInt64) {
        condition.lock()
        while next != ticket { condition.wait() }
        condition.unlock()
    }

    /// Ends the current turn (call after `wait`).
    func pass() {
        condition.lock()
        next += 1
        condition.broadcast()
        condition.unlock()
    }
}
