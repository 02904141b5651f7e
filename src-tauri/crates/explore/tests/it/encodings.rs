//! CSV files as spreadsheets save them: UTF-8 with or without a byte-order mark,
//! UTF-16 with one, and Shift_JIS (CP932), which Excel writes for plain "CSV" on a
//! Japanese system. Each opens with the same Japanese labels; bytes that are none of
//! these are refused at the right line and column.

use orgpath_explore::{load_csv, load_csv_with, load_json, Code, Encoding, LoadOptions};

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
    assert!(p.message.en.contains("not UTF-8"), "{}", p.message.en);
    assert!(p.cli_hint().contains("CSV UTF-8"), "{}", p.cli_hint());
}

/// Every way of cutting `text` inside its character at byte `start`: the bytes up to
/// each position inside it, with the line and column the cut character starts at.
fn cuts(text: &str, start: usize) -> Vec<(Vec<u8>, (u32, u32))> {
    let len = text[start..].chars().next().unwrap().len_utf8();
    assert!(len > 1, "a multi-byte character at {start}");
    let before = &text[..start];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().unwrap().chars().count() + 1;
    (start + 1..start + len)
        .map(|end| {
            (
                text.as_bytes()[..end].to_vec(),
                (line as u32, column as u32),
            )
        })
        .collect()
}

fn assert_cut(err: &orgpath_explore::Report, at: (u32, u32), what: &str) {
    let p = &err.problems[0];
    assert_eq!(p.code, Code::Encoding, "{what}: {err}");
    assert!(
        p.message
            .en
            .contains("ends in the middle of a UTF-8 character")
            && p.message.en.contains("still be being saved"),
        "{what}: {}",
        p.message.en
    );
    assert_eq!((p.at.line, p.at.column), (Some(at.0), Some(at.1)), "{what}");
    assert!(
        p.cli_hint().contains("wait until"),
        "{what}: {}",
        p.cli_hint()
    );
}

#[test]
fn utf8_cut_inside_its_last_character_is_refused_as_cut_not_read_as_shift_jis() {
    // A file half saved: it ends inside "部" (3 bytes), or inside "𠮷" (4 bytes, a
    // kanji of family names outside the Basic Multilingual Plane).
    let yoshida = "id,parent,name\nco,,株式会社\nyoshida,co,𠮷田 花子\n";
    for (text, cut_at) in [
        (TEXT, TEXT.rfind('部').unwrap()),
        (yoshida, yoshida.find('𠮷').unwrap()),
    ] {
        for (bytes, at) in cuts(text, cut_at) {
            let what = format!("cut after {} bytes", bytes.len());
            assert_cut(&load_csv(&bytes, "org.csv").unwrap_err(), at, &what);
            // With a byte-order mark, and with UTF-8 chosen, the same.
            let mut bom = b"\xEF\xBB\xBF".to_vec();
            bom.extend_from_slice(&bytes);
            assert_cut(&load_csv(&bom, "org.csv").unwrap_err(), at, &what);
            let utf8 = LoadOptions {
                encoding: Encoding::Utf8,
                ..LoadOptions::default()
            };
            assert_cut(
                &load_csv_with(&bytes, "org.csv", &utf8).unwrap_err(),
                at,
                &what,
            );
        }
    }
}

#[test]
fn json_cut_inside_a_character_is_refused_as_cut() {
    let text = orgpath_explore::BUILTIN_JSON;
    let last = text
        .char_indices()
        .rev()
        .find(|(_, c)| c.len_utf8() > 1)
        .unwrap()
        .0;
    for (bytes, at) in cuts(text, last) {
        let err = load_json(&bytes, "org.json").unwrap_err();
        assert_cut(&err, at, &format!("cut after {} bytes", bytes.len()));
        assert!(!err.problems[0].cli_hint().contains("shift_jis"), "{err}");
    }
}

#[test]
fn ascii_text_ending_in_a_lead_byte_is_taken_as_cut_with_shift_jis_named() {
    // Shift_JIS whose only non-ASCII character is the last, "ﾃ" (0xC3): as bytes it is
    // also ASCII text cut inside a UTF-8 character. A half-saved file is the likelier,
    // and refusing it is the safe way wrong; the hint names the way out.
    let mut bytes = b"id,parent,name\nco,,Sample\nx,co,".to_vec();
    bytes.push(0xC3);
    let err = load_csv(&bytes, "org.csv").unwrap_err();
    assert_cut(&err, (3, 6), "ASCII then 0xC3");
    assert!(
        err.problems[0].cli_hint().contains("--encoding shift_jis"),
        "{err}"
    );
    let sjis = LoadOptions {
        encoding: Encoding::ShiftJis,
        ..LoadOptions::default()
    };
    let d = load_csv_with(&bytes, "org.csv", &sjis).unwrap_or_else(|r| panic!("{r}"));
    assert_eq!(d.nodes().last().unwrap().label.ja, "ﾃ");
}

#[test]
fn shift_jis_with_a_lead_byte_of_utf8_last_is_still_shift_jis() {
    // Japanese text before the last character is not UTF-8, so the file is Shift_JIS
    // however its last bytes look.
    let (mut bytes, _, _) = encoding_rs::SHIFT_JIS.encode("id,parent,name\nco,,会社\nx,co,名");
    bytes.to_mut().push(0xC3);
    let d = load_csv(&bytes, "org.csv").unwrap_or_else(|r| panic!("{r}"));
    assert_eq!(d.nodes().last().unwrap().label.ja, "名ﾃ");
}
