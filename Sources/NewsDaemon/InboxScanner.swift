import Logging
import NewsStore

/// Walks the inbox (or a folder of it) and reports every file, depth first.
/// `enter` runs for each folder before it is listed: the watcher adds its watch
/// there, so a file created during the walk is seen either by the walk or by inotify.
enum InboxScanner {
    static func scan(
        root: String,
        from start: InboxPath = InboxPath(bytes: []),
        logger: Logger,
        isIgnored: ([UInt8]) -> Bool,
        onFile: (InboxPath) -> Void,
        enter: (InboxPath) -> Void = { _ in }
    ) {
        var pending = [start]
        while let directory = pending.popLast() {
            enter(directory)
            let (entries, code) = BytePath.list(BytePath.join(root, directory))
            if let code {
                logger.warning("Cannot list a folder of the inbox", metadata: [
                    LogKey.path: "\(directory)", LogKey.reason: "\(POSIX.errorMessage(code))",
                ])
                continue
            }
            // Sorted, so a backlog is taken in name order (and `--once` is repeatable).
            // Folders are pushed in reverse so the walk visits them in name order too.
            var folders: [InboxPath] = []
            for entry in entries.sorted(by: { $0.name.lexicographicallyPrecedes($1.name) }) {
                let child = directory.appending(entry.name)
                if entry.isDirectory {
                    if !isIgnored(entry.name) { folders.append(child) }
                } else {
                    onFile(child)
                }
            }
            pending.append(contentsOf: folders.reversed())
        }
    }
}
