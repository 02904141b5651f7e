//! The one rule for "close enough to suggest": every "did you mean" (an unknown id in a
//! file, a CSV header that almost names a field, an id typed in the window) asks here.

/// Ids longer than this are not compared letter by letter for a "did you mean" hint
/// (only by one containing the other): the comparison takes time in proportion to the
/// product of the two lengths, and two 100,000-character ids would take 10^10 steps.
/// Ids people type are far shorter; the CSV header hint draws the line at 100 too.
const MAX_COMPARED_CHARS: usize = 100;

/// How far `candidate` is from `wanted` (both lower-cased) when it is close enough to
/// suggest: within a third of `wanted`'s length in edits (at least 2), or one
/// containing the other.
pub fn close_to(candidate: &str, wanted: &str) -> Option<usize> {
    let limit = 2.max(wanted.chars().count() / 3);
    edit_distance(candidate, wanted, limit).or_else(|| {
        // One inside the other: the distance is the letters the longer has over.
        (candidate.contains(wanted) || wanted.contains(candidate))
            .then(|| candidate.chars().count().abs_diff(wanted.chars().count()))
    })
}

/// Levenshtein distance in characters, for "did you mean" hints: `Some` when it is
/// at most `limit`, `None` when it is more or either text is longer than
/// [`MAX_COMPARED_CHARS`]. A row of the table that is all over `limit` ends the work
/// early, so unlike ids are told apart in a few rows.
pub fn edit_distance(a: &str, b: &str, limit: usize) -> Option<usize> {
    let a: Vec<char> = a.chars().take(MAX_COMPARED_CHARS + 1).collect();
    let b: Vec<char> = b.chars().take(MAX_COMPARED_CHARS + 1).collect();
    if a.len() > MAX_COMPARED_CHARS
        || b.len() > MAX_COMPARED_CHARS
        || a.len().abs_diff(b.len()) > limit
    {
        return None;
    }
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, &ca) in a.iter().enumerate() {
        let mut diag = row[0];
        row[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            let up = row[j + 1];
            row[j + 1] = (up + 1).min(row[j] + 1).min(diag + usize::from(ca != cb));
            diag = up;
        }
        // No later row has an entry below this row's smallest.
        if row.iter().min().is_some_and(|&m| m > limit) {
            return None;
        }
    }
    Some(row[b.len()]).filter(|&d| d <= limit)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edit_distances() {
        assert_eq!(edit_distance("cq", "co", 9), Some(1));
        assert_eq!(edit_distance("", "abc", 9), Some(3));
        assert_eq!(edit_distance("営業", "営業部", 9), Some(1));
        assert_eq!(edit_distance("kitten", "sitting", 9), Some(3));
        assert_eq!(edit_distance("kitten", "sitting", 2), None);
        assert_eq!(edit_distance("abcdefgh", "stuvwxyz", 2), None);
    }

    #[test]
    fn ids_past_the_compared_length_are_matched_only_by_containment() {
        let long = "x".repeat(100_000);
        let t = std::time::Instant::now();
        assert_eq!(close_to(&long, &format!("{long}y")), Some(1));
        assert_eq!(close_to(&long, &"y".repeat(100_000)), None);
        assert_eq!(close_to("sales-team", "sales-teem"), Some(1));
        assert_eq!(close_to("sales-team-east", "sales-team"), Some(5));
        // Two 100,000-character ids compared letter by letter: 10^10 steps.
        assert!(
            t.elapsed() < std::time::Duration::from_secs(1),
            "{:?}",
            t.elapsed()
        );
    }
}
