//! Which column holds which field. Real exports name their columns in many ways
//! (`parentId`, `ManagerID`, `上司ID`), so headers are matched against known names
//! after folding case, spaces, `_`, `-`, brackets and full-width letters; the user's
//! explicit map wins over any guess; every other column is kept as an attribute.

use orgpath_model::both;
use orgpath_model::close::close_to;
use orgpath_model::problem::{Code, Location, Problem};
use orgpath_model::Text;

/// One field orgpath reads from a CSV file.
#[derive(Clone, Copy)]
pub(crate) struct Spec {
    /// The field's name in `--map` and the manifest's `map`.
    pub key: &'static str,
    pub required: bool,
    /// What the field holds, for the window's column-mapping step.
    pub ja: &'static str,
    pub en: &'static str,
    /// Header names recognised for it, as people write them; folded when compared.
    pub names: &'static [&'static str],
    /// Names that only suggest the field (fuzzy): `department_id` is the id of a file
    /// of departments, but the group of a file of people that has its own `id`. Any
    /// other field's match beats them, and a required field without a column takes
    /// one back from an optional field.
    pub weak: &'static [&'static str],
}

impl Spec {
    /// The same field, recognised by other header names.
    const fn named(self, names: &'static [&'static str]) -> Spec {
        Spec { names, ..self }
    }
}

/// Declares a file's fields once, in order: the table `$table` of their [`Spec`]s and
/// the module `$module` of their indices in it. Each index is named beside its field,
/// so adding or moving a field cannot leave an index pointing at another one.
macro_rules! fields {
    ($module:ident, $table:ident, [$($index:ident => $spec:expr,)*]) => {
        #[doc = concat!("Indices of the fields in [`", stringify!($table), "`].")]
        pub(crate) mod $module {
            /// The fields in table order: each one's discriminant is its index.
            #[allow(non_camel_case_types, clippy::upper_case_acronyms)]
            enum Index {
                $($index,)*
            }
            $(pub const $index: usize = Index::$index as usize;)*
        }

        pub(crate) const $table: &[Spec] = &[$($spec,)*];
    };
}

fields!(node, NODE_FIELDS, [
    ID => Spec {
        key: "id",
        required: true,
        ja: "ID（各行に固有）",
        en: "Id (unique to each row)",
        names: &[
            "id",
            "node_id",
            "employee_id",
            "employee_number",
            "employee_no",
            "emp_id",
            "staff_id",
            "person_id",
            "user_id",
            "unit_id",
            "社員番号",
            "社員ID",
            "社員コード",
            "従業員番号",
            "従業員ID",
            "職員番号",
            "組織コード",
            "組織ID",
        ],
        weak: &["dept_id", "department_id", "部署コード", "部署ID"],
    },
    PARENT => Spec {
        key: "parent",
        required: true,
        ja: "親・上司のID（最上位は空欄）",
        en: "Parent or manager id (empty for the top)",
        names: &[
            "parent",
            "parent_id",
            "parent_code",
            "manager",
            "manager_id",
            "manager_no",
            "manager_employee_id",
            "reports_to",
            "reports_to_id",
            "supervisor",
            "supervisor_id",
            "boss_id",
            "上司",
            "上司ID",
            "上司番号",
            "上司社員番号",
            "上長",
            "上長ID",
            "親",
            "親ID",
            "親部署",
            "親部署コード",
            "親組織",
            "親組織コード",
            "上位部署",
            "上位部署コード",
            "上位組織",
            "上位組織コード",
        ],
        weak: &[],
    },
    NAME => Spec {
        key: "name",
        required: true,
        ja: "名前（氏名・部署名）",
        en: "Name (of the person or unit)",
        names: &[
            "name",
            "full_name",
            "display_name",
            "employee_name",
            "label",
            "name_ja",
            "氏名",
            "名前",
            "フルネーム",
            "表示名",
            "名称",
            "組織名",
            "氏名漢字",
        ],
        // A unit's name in a file of units; a person's department in a file of people.
        weak: &["部署名", "department_name"],
    },
    NAME_EN => Spec {
        key: "name_en",
        required: false,
        ja: "英語の名前",
        en: "Name in English",
        names: &[
            "name_en",
            "english_name",
            "name_english",
            "label_en",
            "full_name_en",
            "英語名",
            "英名",
            "氏名英語",
            "英語氏名",
            "氏名英字",
            "英字氏名",
            "部署名英語",
        ],
        weak: &[],
    },
    FIRST_NAME => Spec {
        key: "first_name",
        required: false,
        ja: "名（姓と名が別の列のとき）",
        en: "First name (when first and last are two columns)",
        names: &[
            "first_name",
            "given_name",
            "forename",
            "first",
            "名",
            "下の名前",
        ],
        weak: &[],
    },
    LAST_NAME => Spec {
        key: "last_name",
        required: false,
        ja: "姓（姓と名が別の列のとき）",
        en: "Last name (when first and last are two columns)",
        names: &[
            "last_name",
            "family_name",
            "surname",
            "last",
            "姓",
            "苗字",
            "名字",
        ],
        weak: &[],
    },
    TITLE => Spec {
        key: "title",
        required: false,
        ja: "役職",
        en: "Job title",
        names: &[
            "title",
            "position",
            "job_title",
            "job",
            "role",
            "役職",
            "役職名",
            "職位",
            "職名",
            "肩書",
            "肩書き",
            "ポジション",
        ],
        weak: &[],
    },
    TITLE_EN => Spec {
        key: "title_en",
        required: false,
        ja: "英語の役職",
        en: "Job title in English",
        names: &[
            "title_en",
            "position_en",
            "job_title_en",
            "役職英語",
            "英語役職",
            "役職名英語",
        ],
        weak: &[],
    },
    GROUP => Spec {
        key: "group",
        required: false,
        ja: "グループ（部署。図で色分け）",
        en: "Group (department; one colour in diagrams)",
        names: &[
            "group",
            "department",
            "dept",
            "division",
            "team",
            "department_name",
            "dept_name",
            "division_name",
            "team_name",
            "group_name",
            "部署",
            "部署名",
            "部門",
            "部門名",
            "所属",
            "所属部署",
            "所属部署名",
            "グループ",
            "チーム",
            "チーム名",
        ],
        weak: &[],
    },
    KIND => Spec {
        key: "kind",
        required: false,
        ja: "種類（department, team, role…）",
        en: "Kind (department, team, role…)",
        names: &["kind", "type", "node_type", "種別", "種類", "区分"],
        weak: &[],
    },
    DESCRIPTION => Spec {
        key: "description",
        required: false,
        ja: "説明",
        en: "Description",
        names: &["description", "desc", "summary", "説明", "概要"],
        weak: &[],
    },
    DESCRIPTION_EN => Spec {
        key: "description_en",
        required: false,
        ja: "英語の説明",
        en: "Description in English",
        names: &[
            "description_en",
            "desc_en",
            "summary_en",
            "説明英語",
            "英語説明",
            "概要英語",
        ],
        weak: &[],
    },
    ILLUSTRATIVE => Spec {
        key: "illustrative",
        required: false,
        ja: "説明用の例か（はい・いいえ）",
        en: "Illustrative, not from the source (yes or no)",
        names: &[
            "illustrative",
            "example",
            "is_example",
            "例示",
            "例",
            "説明用",
        ],
        weak: &[],
    },
    GROUP_ID => Spec {
        key: "group_id",
        required: false,
        ja: "グループのID（部署コード。部署名の列と組み合わせる）",
        en: "Group id (department id; goes with the group's name column)",
        names: &[
            "group_id",
            "department_id",
            "dept_id",
            "division_id",
            "team_id",
            "部署ID",
            "部署コード",
            "部門ID",
            "部門コード",
            "所属コード",
            "所属ID",
        ],
        weak: &[],
    },
    PHOTO => Spec {
        key: "photo",
        required: false,
        ja: "写真（CSV と同じフォルダーの PNG・JPEG ファイル）",
        en: "Photo (a PNG or JPEG file in the CSV file's folder)",
        names: &[
            "photo",
            "image",
            "picture",
            "avatar",
            "photo_url",
            "image_url",
            "photo_file",
            "image_file",
            "portrait",
            "写真",
            "顔写真",
            "画像",
            "写真ファイル",
        ],
        weak: &[],
    },
]);

fields!(rel, RELATION_FIELDS, [
    SOURCE => Spec {
        key: "source",
        required: true,
        ja: "関係の起点のID",
        en: "Id of the node the relationship starts from",
        names: &[
            "source",
            "from",
            "source_id",
            "from_id",
            "from_node",
            "起点",
            "元",
            "送り手",
        ],
        weak: &[],
    },
    TARGET => Spec {
        key: "target",
        required: true,
        ja: "関係の相手のID",
        en: "Id of the node the relationship goes to",
        names: &[
            "target",
            "to",
            "target_id",
            "to_id",
            "to_node",
            "終点",
            "先",
            "宛先",
            "相手",
        ],
        weak: &[],
    },
    KIND => Spec {
        key: "kind",
        required: false,
        ja: "関係の種類のID（空欄は related）",
        en: "Relationship kind id (empty: related)",
        names: &[
            "kind",
            "type",
            "relation",
            "relation_kind",
            "relationship",
            "種別",
            "種類",
            "関係",
        ],
        weak: &[],
    },
    LABEL => Spec {
        key: "label",
        required: false,
        ja: "線のラベル",
        en: "Label of the line",
        names: &["label", "text", "label_ja", "ラベル"],
        weak: &[],
    },
    LABEL_EN => Spec {
        key: "label_en",
        required: false,
        ja: "英語の線のラベル",
        en: "Label of the line in English",
        names: &["label_en", "text_en", "ラベル英語", "英語ラベル"],
        weak: &[],
    },
    // What a relation shares with a node is worded once, in NODE_FIELDS; a relations
    // file is read with fewer header names for it (no summary, no is_example).
    DESCRIPTION => NODE_FIELDS[node::DESCRIPTION].named(&["description", "desc", "説明", "概要"]),
    DESCRIPTION_EN => NODE_FIELDS[node::DESCRIPTION_EN]
        .named(&["description_en", "desc_en", "説明英語", "英語説明"]),
    ILLUSTRATIVE => NODE_FIELDS[node::ILLUSTRATIVE]
        .named(&["illustrative", "example", "例示", "例", "説明用"]),
]);

/// Which file of a dataset a header belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Table {
    Nodes,
    Relations,
}

impl Table {
    pub fn fields(self) -> &'static [Spec] {
        match self {
            Table::Nodes => NODE_FIELDS,
            Table::Relations => RELATION_FIELDS,
        }
    }

    /// How `--map` names this table's fields: `parent=…`, `relations.source=…`.
    pub fn prefix(self) -> &'static str {
        match self {
            Table::Nodes => "",
            Table::Relations => "relations.",
        }
    }
}

/// A header folded for comparison: lower case, full-width letters as ASCII, without
/// spaces, `_`, `-`, `.` or brackets, so `Parent ID`, `parent_id` and `parentId` are one.
pub(crate) fn fold(header: &str) -> String {
    header
        .chars()
        .map(|c| match c {
            // Full-width ASCII (ＩＤ, （）) as typed with a Japanese input method.
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            _ => c,
        })
        .filter(|c| {
            !(c.is_whitespace() || matches!(c, '_' | '-' | '.' | '(' | ')' | '[' | ']' | '・'))
        })
        .flat_map(char::to_lowercase)
        .collect()
}

/// The canonical `--map` key for a field name as the user wrote it, if it is one.
fn canonical(key: &str) -> Option<(Table, usize)> {
    let key = key.trim();
    let (table, field) = match key.split_once('.') {
        Some((t, f)) if matches!(fold(t).as_str(), "relations" | "relation") => {
            (Table::Relations, f)
        }
        Some(_) => return None,
        None => (Table::Nodes, key),
    };
    let folded = fold(field);
    table
        .fields()
        .iter()
        .position(|s| fold(s.key) == folded)
        .map(|i| (table, i))
}

/// The canonical map key (`parent`, `relations.source`) of a field name as written.
pub(crate) fn canonical_key(key: &str) -> Option<String> {
    canonical(key).map(|(t, i)| format!("{}{}", t.prefix(), t.fields()[i].key))
}

/// Every map key, for hints.
pub(crate) fn all_keys() -> Text {
    let nodes: Vec<&str> = NODE_FIELDS.iter().map(|s| s.key).collect();
    let relations: Vec<String> = RELATION_FIELDS
        .iter()
        .map(|s| format!("relations.{}", s.key))
        .collect();
    both!(
        "{nodes}; for a relations file: {relations}",
        "{nodes}。関係ファイルでは {relations}",
        nodes = nodes.join(", "),
        relations = relations.join(", ")
    )
}

/// The hint for a map naming a field orgpath does not read.
pub(crate) fn fields_are() -> Text {
    let keys = all_keys();
    both!(
        "the fields are {keys}",
        "フィールドは {keys} です";
        keys = keys
    )
}

/// Parses a column map as the command line writes it: `parent=ManagerID,name=FullName`.
/// Field names are those of [`NODE_FIELDS`] (and `relations.` + those of the relations
/// file); a column is the header text as the file writes it.
pub fn parse_map(text: &str) -> Result<Vec<(String, String)>, String> {
    let mut out = Vec::new();
    for part in text.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        let Some((field, column)) = part.split_once('=') else {
            return Err(format!(
                "\"{part}\" is not field=column; write for example parent=ManagerID,name=FullName"
            ));
        };
        let column = column.trim();
        if column.is_empty() {
            return Err(format!(
                "\"{part}\" names no column; write the column's header after '=', e.g. {}=ManagerID",
                field.trim()
            ));
        }
        let Some((table, i)) = canonical(field) else {
            return Err(format!(
                "unknown field \"{}\" in \"{part}\"; the fields are {}",
                field.trim(),
                all_keys().en
            ));
        };
        out.push((
            format!("{}{}", table.prefix(), table.fields()[i].key),
            column.to_owned(),
        ));
    }
    Ok(out)
}

/// What a header row means: the column of each field, and the columns kept as
/// attributes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Columns {
    /// The header row, trimmed.
    pub headers: Vec<String>,
    /// The column of each field (by index into the table's fields).
    pub at: Vec<Option<usize>>,
    /// Whether the user's map chose the field's column.
    pub mapped: Vec<bool>,
    /// Columns no field reads, in file order: kept as attributes.
    pub extra: Vec<usize>,
}

impl Columns {
    /// The header of a field's column, or the field's own name when it has none.
    pub fn name(&self, table: Table, field: usize) -> String {
        self.at
            .get(field)
            .copied()
            .flatten()
            .and_then(|c| self.headers.get(c))
            .cloned()
            .unwrap_or_else(|| table.fields()[field].key.to_owned())
    }

    /// Where a field's column is, on `line`.
    pub fn cell(&self, table: Table, field: usize, line: u32) -> Location {
        let column = self.at.get(field).copied().flatten();
        Location {
            line: Some(line),
            column: column.map(|c| u32::try_from(c + 1).unwrap_or(u32::MAX)),
            field: Some(self.name(table, field)),
            ..Location::default()
        }
    }
}

/// The outcome of reading a header row.
pub(crate) struct Resolution {
    pub columns: Columns,
    /// The map names an unknown field or a column the header lacks.
    pub map_problems: Vec<Problem>,
    /// A required field has no column, or two columns claim one field.
    pub header_problems: Vec<Problem>,
}

/// A few of the header's columns, for messages (a header may be very long).
fn column_list(headers: &[String]) -> Text {
    const SHOWN: usize = 24;
    if headers.is_empty() {
        return both!("none", "なし");
    }
    let list: Vec<String> = headers
        .iter()
        .take(SHOWN)
        .map(|h| format!("\"{h}\""))
        .collect();
    let list = list.join(", ");
    match headers.len().checked_sub(SHOWN).filter(|&more| more > 0) {
        Some(more) => both!("{list}, and {more} more", "{list}、ほか {more} 列"),
        None => both!("{list}", "{list}"),
    }
}

/// The header closest to `wanted`, if one is close enough to suggest: one containing
/// the other first, then by edits.
fn closest<'h>(headers: &'h [String], wanted: &str) -> Option<&'h str> {
    let w = fold(wanted);
    headers
        .iter()
        .filter(|h| h.chars().count() <= 100 && !h.is_empty())
        .filter_map(|h| {
            let f = fold(h);
            let contains = f.contains(&w) || w.contains(&f);
            close_to(&f, &w).map(|d| (!contains, d, h))
        })
        .min_by_key(|(far, d, _)| (*far, *d))
        .map(|(_, _, h)| h.as_str())
}

fn header_at(headers: &[String], c: usize) -> Location {
    Location {
        line: Some(1),
        column: Some(u32::try_from(c + 1).unwrap_or(u32::MAX)),
        field: headers.get(c).cloned(),
        ..Location::default()
    }
}

/// How well a header matches a field: by the letter, after folding, or only by a name
/// that suggests the field ([`Spec::weak`]). Better levels sort first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Level {
    Exact,
    Folded,
    Weak,
}

fn level_of(spec: &Spec, header: &str) -> Option<Level> {
    if spec.names.contains(&header) {
        return Some(Level::Exact);
    }
    let folded = fold(header);
    if spec.names.iter().any(|n| fold(n) == folded) {
        Some(Level::Folded)
    } else if spec.weak.iter().any(|n| fold(n) == folded) {
        Some(Level::Weak)
    } else {
        None
    }
}

/// How to choose a field's column by hand, for hints: in the window's words (its
/// column-mapping step, which maps the nodes file), and the command line's.
struct HowToMap {
    window: Text,
    cli: String,
}

impl HowToMap {
    /// A header problem whose hint ends in how to map the column: `en` and `ja` put
    /// the way into their sentence, and the command line gets its own way in `en`'s.
    fn problem(
        &self,
        at: Location,
        message: Text,
        en: impl Fn(&str) -> String,
        ja: impl Fn(&str) -> String,
    ) -> Problem {
        let hint = Text {
            en: en(&self.window.en),
            ja: ja(&self.window.ja),
        };
        Problem::new(Code::Header, at, message, hint).with_cli_hint(en(&self.cli))
    }
}

fn how_to_map(table: Table, key: &str) -> HowToMap {
    let p = table.prefix();
    let window = match table {
        Table::Nodes => both!(
            "choose the column yourself: Map columns… above, or \"map\": {{\"{key}\": \"<column>\"}} in a manifest",
            "列を自分で選んでください: 上の「列を対応づける…」、またはマニフェストの \"map\": {{\"{key}\": \"<column>\"}}"
        ),
        Table::Relations => both!(
            "choose the column yourself: \"map\": {{\"{p}{key}\": \"<column>\"}} in a manifest that names both files, or rename the column to \"{key}\"",
            "列を自分で選んでください: 両方のファイルを書いたマニフェストの \"map\": {{\"{p}{key}\": \"<column>\"}}、または列の名前を「{key}」に変えてください"
        ),
    };
    HowToMap {
        window,
        cli: format!(
            "choose the column yourself: --map {p}{key}=<column> on the command line, \"map\": {{\"{p}{key}\": \"<column>\"}} in a manifest, or the window's column-mapping step"
        ),
    }
}

/// A header row being matched to a table's fields.
struct Matching<'h> {
    table: Table,
    fields: &'static [Spec],
    headers: &'h [String],
    /// The column of each field, so far.
    at: Vec<Option<usize>>,
    /// Whether the map chose the field's column.
    mapped: Vec<bool>,
    /// The map named a column the header lacks (reported, not again as missing).
    tried: Vec<bool>,
}

/// Reads a header row: the map first, then the known names, best match first (see
/// [`Level`]); the rest are attributes.
pub(crate) fn resolve(table: Table, headers: Vec<String>, map: &[(String, String)]) -> Resolution {
    let fields = table.fields();
    let mut m = Matching {
        table,
        fields,
        headers: &headers,
        at: vec![None; fields.len()],
        mapped: vec![false; fields.len()],
        tried: vec![false; fields.len()],
    };
    let map_problems = m.apply_map(map);
    let mut header_problems = m.recognise();
    m.split_names();
    header_problems.extend(m.missing());

    let Matching { at, mapped, .. } = m;
    let used: Vec<usize> = at.iter().flatten().copied().collect();
    let extra = (0..headers.len()).filter(|c| !used.contains(c)).collect();
    Resolution {
        columns: Columns {
            headers,
            at,
            mapped,
            extra,
        },
        map_problems,
        header_problems,
    }
}

impl Matching<'_> {
    /// Gives each field the map names the column it names (a later entry for the same
    /// field wins); gives the problems of entries naming an unknown field or a column
    /// the header lacks.
    fn apply_map(&mut self, map: &[(String, String)]) -> Vec<Problem> {
        let (table, fields, headers) = (self.table, self.fields, self.headers);
        let mut problems = Vec::new();
        for (key, column) in map {
            let Some((t, field)) = canonical(key) else {
                problems.push(Problem::new(
                    Code::BadValue,
                    Location::default(),
                    both!(
                        "the column map names an unknown field \"{key}\"",
                        "列の対応づけに知らないフィールド「{key}」があります"
                    ),
                    fields_are(),
                ));
                continue;
            };
            if t != table {
                continue;
            }
            let wanted = column.trim();
            let found = headers
                .iter()
                .position(|h| h == wanted)
                .or_else(|| headers.iter().position(|h| fold(h) == fold(wanted)));
            match found {
                // A later entry for the same field wins, as a later flag would.
                Some(c) => {
                    self.at[field] = Some(c);
                    self.mapped[field] = true;
                }
                None => {
                    // Reported here; not again as a missing column.
                    self.tried[field] = true;
                    let hint = match closest(headers, wanted) {
                        Some(near) => both!(
                            "did you mean \"{near}\"? The map must name a column of the header exactly (case and spaces aside)",
                            "「{near}」のことですか？ 対応づけには見出しの列名をそのまま書きます（大文字・小文字と空白は問いません）"
                        ),
                        None => both!(
                            "name one of the header's columns listed above",
                            "上に挙げた見出しの列から選んでください"
                        ),
                    };
                    let columns = column_list(headers);
                    problems.push(Problem::new(
                        Code::Header,
                        Location {
                            line: Some(1),
                            field: Some(wanted.to_owned()),
                            ..Location::default()
                        },
                        both!(
                            "the column map gives {p}{key} the column \"{wanted}\", but the header has no such column (columns: {columns})",
                            "列の対応づけで {p}{key} に列「{wanted}」を指定していますが、見出しにその列がありません（列: {columns}）",
                            p = table.prefix(),
                            key = fields[field].key;
                            columns = columns
                        ),
                        hint,
                    ));
                }
            }
        }
        problems
    }

    /// Every column the map left free with each field it matches, at the level it
    /// matches at: `(level, field, column)`, best first.
    fn candidates(&self) -> Vec<(Level, usize, usize)> {
        let taken: Vec<usize> = self.at.iter().flatten().copied().collect();
        let mut candidates = Vec::new();
        for (c, h) in self.headers.iter().enumerate() {
            if taken.contains(&c) {
                continue;
            }
            for (field, spec) in self.fields.iter().enumerate() {
                if let Some(level) = level_of(spec, h) {
                    candidates.push((level, field, c));
                }
            }
        }
        candidates.sort_unstable();
        candidates
    }

    /// Gives the fields the map left open the columns their names match; gives the
    /// problems of two columns matching one field equally well.
    fn recognise(&mut self) -> Vec<Problem> {
        let (fields, headers) = (self.fields, self.headers);
        let candidates = self.candidates();
        let mut problems = Vec::new();
        // Best level first: a field takes the one free column matching it at the best
        // level there is; two at that same level are a tie only the user can settle. A
        // column taken at a better level is not offered again at a worse one.
        let mut chosen: Vec<Option<(Level, usize)>> = vec![None; fields.len()];
        let mut used_by: Vec<Option<usize>> = vec![None; headers.len()];
        for level in [Level::Exact, Level::Folded, Level::Weak] {
            for field in 0..fields.len() {
                if self.mapped[field] || chosen[field].is_some() {
                    continue;
                }
                let free: Vec<usize> = candidates
                    .iter()
                    .filter(|&&(l, f, c)| l == level && f == field && used_by[c].is_none())
                    .map(|&(_, _, c)| c)
                    .collect();
                match free.as_slice() {
                    [] => {}
                    [c] => {
                        chosen[field] = Some((level, *c));
                        used_by[*c] = Some(field);
                    }
                    [first, rest @ ..] => {
                        // Reported; the first is kept so the field is not also missing.
                        chosen[field] = Some((level, *first));
                        for &c in free.iter() {
                            used_by[c] = Some(field);
                        }
                        let key = fields[field].key;
                        let how = how_to_map(self.table, key);
                        for &c in rest {
                            let (a, b) = (&headers[*first], &headers[c]);
                            problems.push(how.problem(
                                header_at(headers, c),
                                both!(
                                    "columns \"{a}\" and \"{b}\" both look like the {key} column",
                                    "列「{a}」と「{b}」がどちらも {key} の列に見えます"
                                ),
                                |how| {
                                    format!("{how}; the other column is then kept as an attribute")
                                },
                                |how| format!("{how}。もう一方の列は属性として残ります"),
                            ));
                        }
                    }
                }
            }
        }
        self.take_back(&candidates, &mut chosen, &mut used_by);
        for (field, pick) in chosen.iter().enumerate() {
            if let Some((_, c)) = pick {
                self.at[field] = Some(*c);
            }
        }
        problems
    }

    /// A required field without a column takes one back from an optional field that
    /// also matched it: in a file of departments `department_id` is the id and `部署名`
    /// the name, not a group.
    fn take_back(
        &self,
        candidates: &[(Level, usize, usize)],
        chosen: &mut [Option<(Level, usize)>],
        used_by: &mut [Option<usize>],
    ) {
        let fields = self.fields;
        for field in 0..fields.len() {
            if !fields[field].required || self.mapped[field] || chosen[field].is_some() {
                continue;
            }
            let has_parts = self.table == Table::Nodes
                && field == node::NAME
                && (chosen[node::FIRST_NAME].is_some() || chosen[node::LAST_NAME].is_some());
            if has_parts {
                continue;
            }
            let back = candidates.iter().find(|&&(_, f, c)| {
                f == field && used_by[c].is_some_and(|other| !fields[other].required)
            });
            if let Some(&(level, _, c)) = back {
                if let Some(other) = used_by[c] {
                    chosen[other] = None;
                }
                chosen[field] = Some((level, c));
                used_by[c] = Some(field);
            }
        }
    }

    /// Settles a nodes file's name columns: a plain `name` beside a last name is the
    /// given name; a full name column leaves first and last names as attributes.
    fn split_names(&mut self) {
        if self.table != Table::Nodes {
            return;
        }
        let at = &mut self.at;
        if at[node::NAME].is_some() && !self.mapped[node::NAME] {
            let plain_name = at[node::NAME]
                .is_some_and(|c| matches!(fold(&self.headers[c]).as_str(), "name" | "名前"));
            if plain_name && at[node::LAST_NAME].is_some() && at[node::FIRST_NAME].is_none() {
                // `name` beside `lastName` (d3-org-chart's sample, many HR exports) is the
                // given name, not the whole one.
                at[node::FIRST_NAME] = at[node::NAME].take();
            }
        }
        if at[node::NAME].is_some() {
            // A full name column says it all; first and last name columns stay as
            // attributes.
            for f in [node::FIRST_NAME, node::LAST_NAME] {
                if !self.mapped[f] {
                    at[f] = None;
                }
            }
        }
    }

    /// The problems of required fields left without a column (unless the map already
    /// named one the header lacks).
    fn missing(&self) -> Vec<Problem> {
        let (table, at) = (self.table, &self.at);
        let mut problems = Vec::new();
        for (field, spec) in self.fields.iter().enumerate() {
            let has_parts = table == Table::Nodes
                && field == node::NAME
                && (at[node::FIRST_NAME].is_some() || at[node::LAST_NAME].is_some());
            if !spec.required || at[field].is_some() || has_parts || self.tried[field] {
                continue;
            }
            let known = spec
                .names
                .iter()
                .take(6)
                .copied()
                .collect::<Vec<_>>()
                .join(", ");
            let example = match table {
                Table::Nodes => "id,parent,name",
                Table::Relations => "source,target,kind,label,label_en",
            };
            let how = how_to_map(table, spec.key);
            let (key, found) = (spec.key, column_list(self.headers));
            problems.push(how.problem(
                Location {
                    line: Some(1),
                    field: Some(spec.key.to_owned()),
                    ..Location::default()
                },
                both!(
                    "the header has no \"{key}\" column ({what}; found: {found})",
                    "見出しに「{key}」の列がありません（{ja_what}。見つかった列: {found}）",
                    what = spec.en.to_lowercase(),
                    ja_what = spec.ja;
                    found = found
                ),
                |how| format!("the first row must name the columns, e.g. {example} (recognised names for it include {known}), or {how}"),
                |how| format!("1 行目に列の名前を書いてください。例: {example}（この列として読む名前: {known}）。または{how}"),
            ));
        }
        problems
    }
}

/// Whether a header row is a relations file's: the relations loader finds its
/// `source` and `target` columns (by any name it knows: `from`/`to`, `起点`/`相手`,
/// folded or not), and the nodes loader would not find both an `id` and a `parent`
/// column (a file of people with `from` and `to` dates is still a file of people).
/// Tells which of two dropped files goes with the other, by the rule that then reads
/// them.
pub fn is_relations_header<S: AsRef<str>>(cells: &[S]) -> bool {
    let headers: Vec<String> = cells.iter().map(|c| c.as_ref().trim().to_owned()).collect();
    let relations = resolve(Table::Relations, headers.clone(), &[]).columns;
    let nodes = resolve(Table::Nodes, headers, &[]).columns;
    let has = |columns: &Columns, field: usize| columns.at[field].is_some();
    has(&relations, rel::SOURCE)
        && has(&relations, rel::TARGET)
        && !(has(&nodes, node::ID) && has(&nodes, node::PARENT))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_joins_the_usual_spellings() {
        for h in [
            "parentId",
            "parent_id",
            "Parent ID",
            "PARENT-ID",
            "ｐａｒｅｎｔ＿ＩＤ",
        ] {
            assert_eq!(fold(h), "parentid", "{h}");
        }
        assert_eq!(fold("上司 ID"), "上司id");
        assert_eq!(fold("氏名（英語）"), "氏名英語");
    }

    #[test]
    fn a_map_is_parsed_and_unknown_fields_are_refused() {
        assert_eq!(
            parse_map("parent=ManagerID, name = Full Name,relations.source=From").unwrap(),
            [
                ("parent".to_owned(), "ManagerID".to_owned()),
                ("name".to_owned(), "Full Name".to_owned()),
                ("relations.source".to_owned(), "From".to_owned()),
            ]
        );
        assert_eq!(parse_map("Name-EN=English").unwrap()[0].0, "name_en");
        let e = parse_map("boss=ManagerID").unwrap_err();
        assert!(
            e.contains("unknown field \"boss\"") && e.contains("parent"),
            "{e}"
        );
        assert!(parse_map("parent").unwrap_err().contains("field=column"));
        assert!(parse_map("parent=")
            .unwrap_err()
            .contains("names no column"));
        assert!(parse_map("").unwrap().is_empty());
    }

    #[test]
    fn a_relations_header_is_told_by_the_relations_loader_s_names() {
        for header in [
            &["source", "target", "kind"][..],
            &["Source", "Target"],
            &["target", "source", "label"],
            &["from", "to", "kind"],
            &["From", "To"],
            &["from_id", "to_id"],
            &["起点", "相手", "種別"],
            &["起点", "終点"],
            &["ｆｒｏｍ", "ｔｏ"],
        ] {
            assert!(is_relations_header(header), "{header:?}");
        }
        for header in [
            &["id", "parent", "name"][..],
            &["id", "parent", "name", "from", "to"],
            &["社員番号", "上司ID", "氏名"],
            &["source", "kind"],
            &["to", "label"],
            &[],
        ] {
            assert!(!is_relations_header(header), "{header:?}");
        }
    }
}
