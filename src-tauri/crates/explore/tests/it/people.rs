//! Files of people as other tools write them: d3-org-chart's sample, HR exports with
//! first and last names apart, departments by id and name, photos beside the file (and
//! web addresses, which are not fetched), and a broken quote that must not hide the
//! problems after it.

use std::path::PathBuf;

use orgpath_explore::problem::Severity;
use orgpath_explore::raw::NodeKind;
use orgpath_explore::render::{svg, SvgOptions};
use orgpath_explore::scene::{Accent, Card, Lang, Scene, View};
use orgpath_explore::views::{scene, SceneOptions};
use orgpath_explore::{load_csv, load_path, Code, Dataset, LoadOptions, Problem};

fn fixture(rel: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../../tests/fixtures")
        .join(rel)
}

fn d3() -> Dataset {
    load_path(&fixture("d3-org-chart/data.csv"), &LoadOptions::default())
        .unwrap_or_else(|r| panic!("{r}"))
        .dataset
}

fn load(text: &str) -> Dataset {
    load_csv(text.as_bytes(), "people.csv").unwrap_or_else(|r| panic!("{r}"))
}

fn problems(text: &str) -> Vec<Problem> {
    match load_csv(text.as_bytes(), "people.csv") {
        Ok(_) => panic!("expected problems in:\n{text}"),
        Err(r) => r.problems,
    }
}

fn org(d: &Dataset, lang: Lang) -> Scene {
    scene(d, View::Org, &SceneOptions::new(lang))
}

fn card<'s>(s: &'s Scene, id: &str) -> &'s Card {
    s.cards
        .iter()
        .find(|c| c.id == id)
        .unwrap_or_else(|| panic!("no card {id}"))
}

fn texts(c: &Card) -> Vec<&str> {
    c.texts.iter().map(|t| t.text.as_str()).collect()
}

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("orgpath-people-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// A small PNG of one colour.
fn png(rgb: [u8; 3], side: u32) -> Vec<u8> {
    let mut pixmap = resvg::tiny_skia::Pixmap::new(side, side).unwrap();
    pixmap.fill(resvg::tiny_skia::Color::from_rgba8(
        rgb[0], rgb[1], rgb[2], 255,
    ));
    pixmap.encode_png().unwrap()
}

// Header matching.

#[test]
fn an_exact_header_beats_a_folded_one_and_a_fuzzy_one() {
    // "id" is the id by the letter; department_id is then the department.
    let d = load("id,parentId,name,department_id\n1,,Ann,90\n2,1,Bo,60\n");
    assert_eq!(d.parents("2"), ["1"]);
    assert_eq!(d.node("2").unwrap().group.as_deref(), Some("60"));
    // "ID" folds to id, "Id" too: the same level, so the user must choose.
    let p = problems("ID,Id,parent,name\n1,1,,A\n");
    assert_eq!(p.len(), 1, "{p:?}");
    assert_eq!(p[0].code, Code::Header);
    assert!(
        p[0].message.en.contains("both look like the id column"),
        "{}",
        p[0].message.en
    );
    // An exact "id" and a folded "ID": no tie, the exact one is the id.
    let d = load("ID,id,parent,name\nx,1,,A\ny,2,1,B\n");
    assert_eq!(d.parents("2"), ["1"]);
    // In a file of units, the unit's code and name are the id and the name.
    let d = load("部署コード,上位部署コード,部署名\nhq,,本社\ndev,hq,開発部\n");
    assert_eq!(d.parents("dev"), ["hq"]);
    assert_eq!(d.node("dev").unwrap().label.ja, "開発部");
    assert_eq!(d.node("dev").unwrap().group, None);
}

#[test]
fn d3_org_chart_sample_opens_with_no_flags() {
    let d = d3();
    assert_eq!(d.node_count(), 107);
    let king = d.node("100").unwrap();
    assert_eq!(king.label.en, "Steven King");
    assert_eq!(king.kind, NodeKind::Person);
    assert_eq!(king.title.as_ref().unwrap().en, "Chief Operating Officer");
    assert_eq!(
        d.group(king.group.as_deref().unwrap()).unwrap().label.en,
        "Executive"
    );
    // job_id, email and the rest stay as facts for the details panel.
    assert!(king
        .attributes
        .iter()
        .any(|a| a.name == "job_id" && a.value == "AD_PRES"));
}

// Names.

#[test]
fn name_columns_join_given_and_family_in_either_column_order() {
    for text in [
        "id,parent,first_name,last_name\n1,,Ada,Lovelace\n",
        "id,parent,last_name,first_name\n1,,Lovelace,Ada\n",
        "id,parentId,name,lastName\n1,,Ada,Lovelace\n",
        "id,parentId,lastName,name\n1,,Lovelace,Ada\n",
    ] {
        let d = load(text);
        let n = d.node("1").unwrap();
        assert_eq!(
            (n.label.en.as_str(), n.label.ja.as_str()),
            ("Ada Lovelace", "Ada Lovelace"),
            "{text}"
        );
        assert_eq!(n.kind, NodeKind::Person, "{text}");
    }
    // Japanese script: family name first, whichever column comes first.
    for text in [
        "社員番号,上司,名,姓\n1,,太郎,山田\n",
        "社員番号,上司,姓,名\n1,,山田,太郎\n",
    ] {
        let n = load(text).node("1").unwrap().clone();
        assert_eq!(n.label.ja, "山田 太郎", "{text}");
        assert_eq!(n.label.en, "山田 太郎", "{text}");
    }
    // A full name column is the name; a department name column beside it is the group.
    let d = load("社員番号,上司,氏名,部署名\n1,,山田 太郎,営業部\n");
    let n = d.node("1").unwrap();
    assert_eq!(n.label.ja, "山田 太郎");
    assert_eq!(
        d.group(n.group.as_deref().unwrap()).unwrap().label.ja,
        "営業部"
    );
}

/// A job position says a row is a person (a unit has none); a plain "title" could
/// be either, so a file with only that stays a file of units.
#[test]
fn a_position_column_makes_a_file_of_people_and_a_plain_title_does_not() {
    for (text, id) in [
        (
            "id,parentId,name,position,department_name\np0,,Mateo Endo,Chief Executive Officer,Engineering\n",
            "p0",
        ),
        ("id,parent,name,役職\n1,,山田 太郎,部長\n", "1"),
        ("id,parent,name,Job Title\n1,,Ada Lovelace,Engineer\n", "1"),
    ] {
        assert_eq!(load(text).node(id).unwrap().kind, NodeKind::Person, "{text}");
    }
    let d = load("id,parent,name,title\nsales,,Sales,Selling to partners\n");
    assert_ne!(d.node("sales").unwrap().kind, NodeKind::Person);
}

// Cards.

#[test]
fn person_cards_read_name_and_title_with_no_kind_word() {
    let d = d3();
    for lang in [Lang::En, Lang::Ja] {
        let s = org(&d, lang);
        let king = card(&s, "100");
        assert_eq!(texts(king)[0], "Steven King", "{lang:?}");
        assert!(
            texts(king).contains(&"Chief Operating Officer"),
            "{:?}",
            texts(king)
        );
        for c in &s.cards {
            for t in &c.texts {
                let x = t.text.trim();
                assert!(
                    !x.starts_with('·')
                        && !x.ends_with('·')
                        && !x.contains("Role")
                        && !x.contains("人物"),
                    "card {}: {:?}",
                    c.id,
                    t.text
                );
            }
        }
    }
}

#[test]
fn departments_colour_the_cards_and_fill_the_legend() {
    let d = d3();
    let s = org(&d, Lang::En);
    let king = card(&s, "100"); // Executive
    let hunold = card(&s, "103"); // IT
    assert!(matches!(king.accent, Accent::Group(_)), "{:?}", king.accent);
    assert!(
        matches!(hunold.accent, Accent::Group(_)),
        "{:?}",
        hunold.accent
    );
    assert_ne!(king.accent, hunold.accent);
    let legend: Vec<&str> = s.legend.iter().map(|l| l.label.as_str()).collect();
    for dept in ["Executive", "IT", "Sales", "Shipping"] {
        assert!(legend.contains(&dept), "{legend:?}");
    }
    // The department id keys the group: rows share a group when they share an id.
    assert_eq!(d.node("100").unwrap().group, d.node("101").unwrap().group);
}

#[test]
fn a_person_with_reports_shows_how_many_report_directly() {
    let d = d3();
    let direct = d.nodes().filter(|n| d.parents(&n.id) == ["100"]).count();
    assert_eq!(direct, 14);
    let s = org(&d, Lang::En);
    assert!(
        texts(card(&s, "100")).contains(&"14 direct reports"),
        "{:?}",
        texts(card(&s, "100"))
    );
    let ja = org(&d, Lang::Ja);
    assert!(
        texts(card(&ja, "100")).contains(&"部下 14 人"),
        "{:?}",
        texts(card(&ja, "100"))
    );
    // One report reads in the singular; none, no line at all.
    let d = load("id,parent,first_name,last_name\n1,,Ada,Lovelace\n2,1,Bo,Li\n");
    let s = org(&d, Lang::En);
    assert!(texts(card(&s, "1")).contains(&"1 direct report"));
    assert!(!texts(card(&s, "2")).iter().any(|t| t.contains("report")));
}

#[test]
fn person_cards_share_one_width() {
    let s = org(&d3(), Lang::En);
    let people: Vec<f32> = s.cards.iter().map(|c| c.rect.w).collect();
    assert!(people.iter().all(|&w| w == people[0]), "{people:?}");
    // Every text stays inside its card.
    for c in &s.cards {
        for t in &c.texts {
            assert!(
                t.x + t.width <= c.rect.right() + 0.5,
                "{}: {:?}",
                c.id,
                t.text
            );
        }
    }
}

// Photos.

#[test]
fn web_addresses_are_not_fetched_and_said_once_per_file() {
    let d = d3();
    let notices = d.notices();
    assert_eq!(notices.len(), 1, "{notices:?}");
    let n = &notices[0];
    assert_eq!((n.code, n.severity), (Code::Photo, Severity::Notice));
    assert!(
        n.message.en.contains("107 photos") && n.message.en.contains("does not fetch"),
        "{}",
        n.message.en
    );
    assert_eq!(n.at.line, Some(2));
    assert_eq!(n.at.field.as_deref(), Some("image"));
    // The cards show initials instead.
    let s = org(&d, Lang::En);
    let avatar = card(&s, "100").avatar.as_ref().expect("an avatar");
    assert_eq!(avatar.initials, "SK");
    assert!(avatar.photo.is_none());
}

#[test]
fn a_local_photo_is_embedded_and_drawn_in_svg_png_and_pdf() {
    let dir = temp_dir("photo");
    std::fs::create_dir_all(dir.join("photos")).unwrap();
    std::fs::write(dir.join("photos/ada.png"), png([255, 0, 0], 16)).unwrap();
    let csv = dir.join("people.csv");
    std::fs::write(
        &csv,
        "id,parent,first_name,last_name,title,photo\n1,,Ada,Lovelace,Analyst,photos/ada.png\n2,1,Bo,Li,Clerk,\n",
    )
    .unwrap();
    let d = load_path(&csv, &LoadOptions::default())
        .unwrap_or_else(|r| panic!("{r}"))
        .dataset;
    assert!(d.notices().is_empty(), "{:?}", d.notices());
    let s = org(&d, Lang::En);
    let ada = card(&s, "1").avatar.as_ref().unwrap();
    assert!(ada
        .photo
        .as_deref()
        .unwrap()
        .starts_with("data:image/png;base64,iVBORw0KGgo"));
    // Bo has no photo: initials, in the same place.
    let bo = card(&s, "2").avatar.as_ref().unwrap();
    assert_eq!((bo.photo.as_deref(), bo.initials.as_str()), (None, "BL"));
    assert_eq!(card(&s, "1").rect.w, card(&s, "2").rect.w);

    let text = svg(&s, &SvgOptions::default());
    assert_eq!(text.matches("href=\"data:image/png;base64,").count(), 1);

    // The PNG shows the photo's red where the avatar is.
    let bytes = orgpath_explore::render::png(&s, &text, 1.0).unwrap();
    let pixmap = resvg::tiny_skia::Pixmap::decode_png(&bytes).unwrap();
    let c = card(&s, "1");
    let (x, y) = (
        (c.rect.x + ada.dx + ada.size / 2.0) as u32,
        (c.rect.y + ada.dy + ada.size / 2.0) as u32,
    );
    let px = pixmap.pixel(x, y).unwrap();
    assert_eq!(
        (px.red(), px.green(), px.blue()),
        (255, 0, 0),
        "the photo's centre"
    );

    // The PDF holds it as an image.
    let pdf = orgpath_explore::render::pdf::deck(
        &[orgpath_explore::render::pdf::Page {
            svg: &text,
            bookmark: "org".into(),
        }],
        "org",
        Lang::En,
    )
    .unwrap();
    let pdf = String::from_utf8_lossy(&pdf);
    assert!(
        pdf.contains("/Subtype /Image") || pdf.contains("/Subtype/Image"),
        "no image in the PDF"
    );
}

#[test]
fn a_missing_or_outside_photo_is_a_warning_naming_row_and_column() {
    let dir = temp_dir("missing");
    std::fs::create_dir_all(dir.join("inner")).unwrap();
    std::fs::write(dir.join("secret.png"), png([0, 0, 255], 4)).unwrap();
    std::fs::write(dir.join("inner/not-a-picture.png"), b"hello").unwrap();
    let csv = dir.join("inner/people.csv");
    std::fs::write(
        &csv,
        "id,parent,name,写真\n1,,山田 太郎,nobody.jpg\n2,1,佐藤 花子,../secret.png\n3,1,鈴木 一郎,not-a-picture.png\n4,1,田中 次郎,.\n",
    )
    .unwrap();
    let d = load_path(&csv, &LoadOptions::default())
        .unwrap_or_else(|r| panic!("{r}"))
        .dataset;
    let warnings: Vec<(Option<u32>, Option<&str>, &str)> = d
        .notices()
        .iter()
        .map(|p| {
            assert_eq!(
                (p.code, p.severity),
                (Code::Photo, Severity::Warning),
                "{p:?}"
            );
            (p.at.line, p.at.field.as_deref(), p.message.en.as_str())
        })
        .collect();
    assert_eq!(warnings.len(), 4, "{warnings:?}");
    assert_eq!(warnings[0].0, Some(2));
    assert_eq!(warnings[0].1, Some("写真"));
    assert!(
        warnings[0].2.contains("\"nobody.jpg\" does not exist"),
        "{}",
        warnings[0].2
    );
    assert!(
        warnings[1].2.contains("outside the CSV file's folder"),
        "{}",
        warnings[1].2
    );
    assert!(
        warnings[2].2.contains("not a PNG or JPEG"),
        "{}",
        warnings[2].2
    );
    assert!(warnings[3].2.contains("not a file"), "{}", warnings[3].2);
    // The cards show initials: the family name's first character.
    let s = org(&d, Lang::Ja);
    assert_eq!(card(&s, "2").avatar.as_ref().unwrap().initials, "佐");
    assert!(!svg(&s, &SvgOptions::default()).contains("data:image"));
}

#[test]
fn a_photo_too_large_or_linked_out_of_the_folder_is_not_read() {
    let dir = temp_dir("limits");
    let outside = temp_dir("limits-outside");
    std::fs::write(outside.join("elsewhere.png"), png([0, 255, 0], 4)).unwrap();
    // A PNG's first bytes, then padding past the 1 MB cap.
    let mut big = png([0, 0, 0], 4);
    big.resize(1024 * 1024 + 1, 0);
    std::fs::write(dir.join("big.png"), big).unwrap();
    let mut cells = vec!["big.png"];
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(outside.join("elsewhere.png"), dir.join("link.png")).unwrap();
        cells.push("link.png");
    }
    let mut text = String::from("id,parent,name,photo\n");
    for (i, cell) in cells.iter().enumerate() {
        text.push_str(&format!("{i},,P{i},{cell}\n"));
    }
    std::fs::write(dir.join("people.csv"), text).unwrap();
    let d = load_path(&dir.join("people.csv"), &LoadOptions::default())
        .unwrap_or_else(|r| panic!("{r}"))
        .dataset;
    let messages: Vec<&str> = d.notices().iter().map(|p| p.message.en.as_str()).collect();
    assert_eq!(messages.len(), cells.len(), "{messages:?}");
    assert!(
        messages[0].contains("orgpath reads photos up to 1024 KB"),
        "{}",
        messages[0]
    );
    if cells.len() > 1 {
        assert!(
            messages[1].contains("outside the CSV file's folder"),
            "{}",
            messages[1]
        );
    }
    assert!(d.nodes().all(|n| n.photo.is_none()));
}

#[test]
fn a_warning_is_listed_with_the_errors_of_a_refused_file() {
    let p = problems("id,parent,name,photo\n1,,A,missing.png\n1,,B,\n");
    let codes: Vec<(Code, Severity)> = p.iter().map(|p| (p.code, p.severity)).collect();
    assert!(
        codes.contains(&(Code::Photo, Severity::Warning)),
        "{codes:?}"
    );
    assert!(
        codes.contains(&(Code::DuplicateId, Severity::Error)),
        "{codes:?}"
    );
    let shown = orgpath_explore::Report {
        file: "people.csv".into(),
        problems: p,
    }
    .to_string();
    assert!(
        shown.contains("warning[photo]") && shown.contains("error[duplicate-id]"),
        "{shown}"
    );
}

// Recovery.

#[test]
fn an_unterminated_quote_is_reported_and_reading_goes_on() {
    let mut text = String::from("id,parent,name\nco,,Company\ndev,co,\"Development\n");
    for i in 0..30 {
        text.push_str(&format!("u{i},co,Unit {i}\n"));
    }
    text.push_str("u3,co,Again\nlast,co,Last\n");
    let p = problems(&text);
    let summary: Vec<(Code, Option<u32>)> = p.iter().map(|p| (p.code, p.at.line)).collect();
    assert_eq!(
        summary,
        [
            // The row keeps its id and parent, so nothing under it is orphaned; that
            // its name (the broken field) is missing goes without saying.
            (Code::Syntax, Some(3)),
            (Code::DuplicateId, Some(34)),
            (Code::DuplicateEdge, Some(34))
        ],
        "{p:#?}"
    );
    assert!(
        p[0].message.en.contains("reading went on at line 4"),
        "{}",
        p[0].message.en
    );
    // The rows after the broken quote were read: with the quote closed and the
    // duplicate gone, the file opens with every row.
    let fixed = text
        .replace("\"Development", "Development")
        .replace("u3,co,Again\n", "");
    let d = load(&fixed);
    assert_eq!(d.node_count(), 33);
}

#[test]
fn a_broken_quote_in_the_header_still_refuses_the_file_at_once() {
    let p = problems("id,parent,\"name\nco,,Company\n");
    assert_eq!(p.len(), 1, "{p:?}");
    assert_eq!((p[0].code, p[0].at.line), (Code::Syntax, Some(1)));
}
