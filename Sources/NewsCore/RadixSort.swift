/// Sorting for the fingerprint's hash arrays: a least-significant-digit radix sort on
/// 8-bit digits. The values are uniform hashes, so a comparison sort mispredicts
/// about every other branch; this one has no data-dependent branch, and the standard
/// library's sort (a merge sort calling its comparison through a closure) spent more
/// time on a page's few hundred shingles than hashing them did.
enum RadixSort {
    /// Sorts `values` ascending. Every value must be below `1 << bits`.
    static func sort(_ values: inout [UInt64], bits: Int) {
        let n = values.count
        if n < 64 {
            insertionSort(&values)
            return
        }
        let passes = max(1, (bits + 7) / 8)
        values.withUnsafeMutableBufferPointer { data in
            withUnsafeTemporaryAllocation(of: Int.self, capacity: passes * 256) { counts in
                counts.initialize(repeating: 0)
                // All digit histograms in one read of the data.
                for value in data {
                    for pass in 0..<passes {
                        counts[pass &* 256 &+ Int(truncatingIfNeeded: (value >> UInt64(pass &* 8)) & 0xFF)] &+= 1
                    }
                }
                withUnsafeTemporaryAllocation(of: UInt64.self, capacity: n) { scratch in
                    var source = data.baseAddress!
                    var destination = scratch.baseAddress!
                    for pass in 0..<passes {
                        let shift = UInt64(pass * 8)
                        let base = pass * 256
                        // A digit every value shares orders nothing.
                        if counts[base + Int(truncatingIfNeeded: (source[0] >> shift) & 0xFF)] == n { continue }
                        var offset = 0
                        for digit in 0..<256 {
                            let count = counts[base + digit]
                            counts[base + digit] = offset
                            offset &+= count
                        }
                        for i in 0..<n {
                            let value = source[i]
                            let digit = base + Int(truncatingIfNeeded: (value >> shift) & 0xFF)
                            destination[counts[digit]] = value
                            counts[digit] &+= 1
                        }
                        swap(&source, &destination)
                    }
                    if source != data.baseAddress! {
                        data.baseAddress!.update(from: source, count: n)
                    }
                }
            }
        }
    }

    static func insertionSort(_ values: inout [UInt64]) {
        values.withUnsafeMutableBufferPointer { data in
            guard data.count > 1 else { return }
            for i in 1..<data.count {
                let value = data[i]
                var j = i
                while j > 0 && data[j - 1] > value {
                    data[j] = data[j - 1]
                    j -= 1
                }
                data[j] = value
            }
        }
    }
}
