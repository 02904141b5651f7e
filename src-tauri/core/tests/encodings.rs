//! CSV files as spreadsheets save them: UTF-8 with or without a byte-order mark,
//! UTF-16 with one, and Shift_JIS (CP932), which Excel writes for plain "CSV" on a
//! Japanese system. Each opens with the same Japanese labels; bytes that are none of
//! these are refused at the right line and column.

use orgpath_core::{load_csv, Code};

const TEXT: &str = "id,parent,name,name_en\nco,,株式会社サンプル,Sample Inc.\nsales,co,営業部（東日本）,Sales (East)\nsupport,co,サポート・ソリューション部,Support solutions\n";

fn labels(bytes: &[u8]) -> Vec<(String, String, String)> {
    let d = load_csv(bytes, "org.csv").unwrap_or_else(|r| panic!("{r}"));
    d.nodes()
        .map(|n| (n.id.clone(), n.label.ja.clone(), n.label.en.clone()))
        .collect()
}

fn expected() -> Vec<(String, String, String)> {
    vec![
        ("co".into(), "株式会社サンプル".into(), "Sample Inc.".into()),
        (
            "sales".into(),
            "営業部（東日本）".into(),
            "Sales (East)".into(),
        ),
        (
            "support".into(),
            "サポート・ソリューション部".into(),
            "Support solutions".into(),
        ),
    ]
}

#[test]
fn utf8_with_and_without_a_byte_order_mark() {
    assert_eq!(labels(TEXT.as_bytes()), expected());
    let mut bom = b"\xEF\xBB\xBF".to_vec();
    bom.extend_from_slice(TEXT.as_bytes());
    assert_eq!(labels(&bom), expected());
}

#[test]
fn shift_jis_as_excel_writes_it() {
    // CRLF line ends too, as Excel writes them.
    let crlf = TEXT.replace('\n', "\r\n");
    let (bytes, _, unmappable) = encoding_rs::SHIFT_JIS.encode(&crlf);
    assert!(!unmappable, "the sample is all Shift_JIS");
    assert!(std::str::from_utf8(&bytes).is_err(), "and not UTF-8");
    assert_eq!(labels(&bytes), expected());
}

#[test]
fn utf16_with_a_byte_order_mark_either_way_round() {
    let units: Vec<u16> = TEXT.encode_utf16().collect();
    let mut le = vec![0xFF, 0xFE];
    let mut be = vec![0xFE, 0xFF];
    for u in &units {
        le.extend_from_slice(&u.to_le_bytes());
        be.extend_from_slice(&u.to_be_bytes());
    }
    assert_eq!(labels(&le), expected());
    assert_eq!(labels(&be), expected());
    // Cut in the middle of a character: refused, not guessed.
    let err = load_csv(&le[..le.len() - 1], "org.csv").unwrap_err();
    assert_eq!(err.problems[0].code, Code::Encoding, "{err}");
}

#[test]
fn bytes_of_no_known_encoding_are_refused_where_they_start() {
    // Line 2, after "co,,": bytes that are neither UTF-8 nor Shift_JIS.
    let mut bytes = b"id,parent,name\nco,,".to_vec();
    bytes.extend_from_slice(&[0x80, 0xFF, 0xFE]);
    bytes.extend_from_slice(b"\n");
    let err = load_csv(&bytes, "org.csv").unwrap_err();
    let p = &err.problems[0];
    assert_eq!(p.code, Code::Encoding);
    assert_eq!((p.at.line, p.at.column), (Some(2), Some(5)), "{err}");
    assert!(p.message.contains("not UTF-8"), "{}", p.message);
    assert!(p.hint.contains("CSV UTF-8"), "{}", p.hint);
}
