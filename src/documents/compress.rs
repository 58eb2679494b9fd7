//! Compression of every PDF stream (fonts, pages, images, ToUnicode maps): zlib for
//! `/FlateDecode`, by `flate2` over miniz_oxide.

use std::io::Write;

/// zlib at level 1. On this machine a 3-page agreement's streams (~200 KB raw, most of it the
/// body face's subset) take ~1 ms at level 1 against ~5 ms at level 6, and come out ~4% larger:
/// the budget is in milliseconds, the size limit (120 KB) is far.
pub fn zlib(data: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::ZlibEncoder::new(
        Vec::with_capacity(data.len() / 2 + 64),
        flate2::Compression::fast(),
    );
    // Writing into a Vec cannot fail.
    e.write_all(data).expect("write to memory");
    e.finish().expect("write to memory")
}

#[cfg(test)]
mod tests {
    use std::io::Read;

    #[test]
    fn round_trips() {
        let data: Vec<u8> = (0..100_000u32).map(|i| (i * 7 % 251) as u8).collect();
        let z = super::zlib(&data);
        assert!(z.len() < data.len());
        let mut back = Vec::new();
        flate2::read::ZlibDecoder::new(&z[..]).read_to_end(&mut back).unwrap();
        assert_eq!(back, data);
    }
}
