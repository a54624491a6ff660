import CLinux

extension Array {
    /// Asks for huge pages under a large array read at random (see
    /// `newsd_advise_huge_pages`): far fewer TLB misses once it outgrows the cache.
    /// Below 4 MiB, or empty, nothing is asked.
    mutating func adviseHugePages() {
        let bytes = capacity * MemoryLayout<Element>.stride
        guard bytes >= 4 << 20, !isEmpty else { return }
        withUnsafeMutableBytes { buffer in
            if let base = buffer.baseAddress { newsd_advise_huge_pages(base, bytes) }
        }
    }
}
