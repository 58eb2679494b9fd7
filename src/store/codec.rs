//! How the case file and the event payloads are kept in their columns: JSON, zlib-compressed
//! with a preset dictionary.
//!
//! A case's file and its `registered` event each hold the whole hand-over: about 1.9 KB of JSON
//! each, most of it the same keys in every case. Plain zlib takes a record to ~980 bytes; with a
//! preset dictionary of the records' shape (their keys and enum codes, no data) and common words
//! of the court's papers it takes it to ~570, which brought the store from 8.4 KB to under 4 KB a
//! case at 100,000 cases (see the store bench).
//!
//! The dictionary is data the database depends on: like a landed migration, `dictionary-v1.txt`
//! is never edited. The zlib header names the dictionary it needs (its Adler-32, RFC 1950's
//! DICTID), so a later dictionary is added beside it and records of both stay readable. Rows
//! written before migration 0003 hold plain JSON text and are read as they are.

use std::cell::RefCell;

use flate2::{Compress, Compression, Decompress, FlushCompress, FlushDecompress, Status};
use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::error::{Error, Result};

/// Record shapes and common words (src/store/dictionary-v1.txt). Never edit: add a v2.
const DICTIONARY_V1: &[u8] = include_bytes!("dictionary-v1.txt");

fn corrupt() -> Error {
    Error::storage("store.corrupt", "数据库中的记录已损坏，无法读取：请从备份恢复")
}

/// JSON, zlib-compressed at the default level with [`DICTIONARY_V1`] (~40 µs for a case file;
/// an action's budget is 5 ms).
pub fn pack<T: Serialize>(value: &T) -> Result<Vec<u8>> {
    let json = serde_json::to_vec(value)?;
    let mut z = Compress::new(Compression::default(), true);
    z.set_dictionary(DICTIONARY_V1).map_err(|e| corrupt().with_source(e))?;
    let mut out = Vec::with_capacity(json.len() / 2 + 64);
    loop {
        let consumed = z.total_in() as usize;
        match z.compress_vec(&json[consumed..], &mut out, FlushCompress::Finish) {
            Ok(Status::StreamEnd) => return Ok(out),
            Ok(_) => out.reserve(out.capacity().max(256)),
            Err(e) => return Err(corrupt().with_source(e)),
        }
    }
}

/// Reads what [`pack`] wrote, or plain JSON text from before migration 0003 (JSON text starts
/// with `{`; a zlib stream never does: its first byte is 0x78 at our settings).
pub fn unpack<T: DeserializeOwned>(bytes: &[u8]) -> Result<T> {
    if bytes.first() == Some(&b'{') {
        return Ok(serde_json::from_slice(bytes)?);
    }
    // One inflater per thread, reset between records: a new one allocates its 32 KB window and
    // state each time, which doubled the time of 今日待办's scan of 1,000 case files.
    thread_local! {
        static INFLATE: RefCell<(Decompress, Vec<u8>)> =
            RefCell::new((Decompress::new(true), Vec::with_capacity(8 * 1024)));
    }
    INFLATE.with_borrow_mut(|(z, json)| {
        z.reset(true);
        json.clear();
        loop {
            let consumed = z.total_in() as usize;
            match z.decompress_vec(&bytes[consumed..], json, FlushDecompress::Finish) {
                Ok(Status::StreamEnd) => break,
                Ok(Status::BufError) if consumed == bytes.len() => return Err(corrupt()),
                Ok(_) => json.reserve(json.capacity().max(1024)),
                Err(e) if e.needs_dictionary().is_some() => {
                    z.set_dictionary(DICTIONARY_V1).map_err(|e| corrupt().with_source(e))?;
                }
                Err(e) => return Err(corrupt().with_source(e)),
            }
        }
        Ok(serde_json::from_slice(json)?)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn packs_with_the_dictionary_and_reads_every_form() {
        let v = serde_json::json!({"parties": [{"name": "黄海燕", "side": "applicant",
            "address": "山东省东营市东营区北一路72号"}], "stage": "review"});
        let packed = pack(&v).unwrap();
        // The header asks for a preset dictionary (FDICT) and names ours.
        assert_eq!(packed[1] & 0x20, 0x20);
        let mut adler = Decompress::new(true);
        let err =
            adler.decompress_vec(&packed, &mut Vec::with_capacity(64), FlushDecompress::Finish);
        assert!(err.unwrap_err().needs_dictionary().is_some());
        assert_eq!(unpack::<serde_json::Value>(&packed).unwrap(), v);
        // Rows written before migration 0003: plain JSON text.
        let text = serde_json::to_vec(&v).unwrap();
        assert_eq!(unpack::<serde_json::Value>(&text).unwrap(), v);
        // A large record grows the buffers.
        let big = serde_json::json!({"text": "执".repeat(100_000)});
        assert_eq!(unpack::<serde_json::Value>(&pack(&big).unwrap()).unwrap(), big);
    }

    #[test]
    fn a_damaged_record_is_a_chinese_error_not_a_panic() {
        let mut packed = pack(&serde_json::json!({"stage": "review"})).unwrap();
        let n = packed.len();
        packed.truncate(n - 6);
        let e = unpack::<serde_json::Value>(&packed).unwrap_err();
        assert_eq!(e.code(), "store.corrupt");
        assert!(unpack::<serde_json::Value>(b"\x78\x9c garbage").is_err());
        assert!(unpack::<serde_json::Value>(b"").is_err());
    }
}
