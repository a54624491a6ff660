extension Array where Element: BitwiseCopyable {
    /// An array of `count` elements whose memory is not written first: for buffers
    /// sized for the worst case and filled by index. Large allocations come straight
    /// from mmap, so untouched pages never become resident. The caller must write
    /// every element it reads.
    init(uninitializedCount count: Int) {
        self.init(unsafeUninitializedCapacity: count) { _, initialized in initialized = count }
    }
}
