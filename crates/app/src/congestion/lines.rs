//! A counter a supervisor adds: what is asked, and what is wrong with it.

use madoguchi_core::Localized;
use madoguchi_core::booking::is_resource_id;

/// The longest name or place, in characters.
pub const TEXT_MAX: usize = 100;

/// A counter to add, as typed.
#[derive(Clone, Debug, Default, serde::Deserialize)]
#[serde(default)]
pub struct NewLine {
    /// 1–60 lower-case letters, digits and hyphens, unique in the city (`aoba-shimin`).
    pub id: String,
    pub name_ja: String,
    /// Left blank, English pages show the Japanese.
    pub name_en: String,
    pub place_ja: String,
    pub place_en: String,
}

/// Which input a fault is at.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LineField {
    Id,
    NameJa,
    NameEn,
    PlaceJa,
    PlaceEn,
}

impl LineField {
    /// The input's name in the form.
    pub fn input(self) -> &'static str {
        match self {
            LineField::Id => "id",
            LineField::NameJa => "name_ja",
            LineField::NameEn => "name_en",
            LineField::PlaceJa => "place_ja",
            LineField::PlaceEn => "place_en",
        }
    }
}

/// What is wrong.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LineProblem {
    Missing,
    /// Not 1–60 lower-case letters, digits and hyphens.
    BadId,
    /// The city has a counter with this id.
    Taken,
    TooLong,
}

/// A fault at one input.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LineFault {
    pub field: LineField,
    pub problem: LineProblem,
}

impl NewLine {
    /// Every fault, in the order of the form.
    pub fn faults(&self) -> Vec<LineFault> {
        let mut faults = Vec::new();
        let mut fault = |field, problem| faults.push(LineFault { field, problem });
        match self.id.trim() {
            "" => fault(LineField::Id, LineProblem::Missing),
            id if !is_resource_id(id) => fault(LineField::Id, LineProblem::BadId),
            _ => {}
        }
        for (field, text, required) in [
            (LineField::NameJa, &self.name_ja, true),
            (LineField::NameEn, &self.name_en, false),
            (LineField::PlaceJa, &self.place_ja, true),
            (LineField::PlaceEn, &self.place_en, false),
        ] {
            let text = text.trim();
            if required && text.is_empty() {
                fault(field, LineProblem::Missing);
            } else if text.chars().count() > TEXT_MAX {
                fault(field, LineProblem::TooLong);
            }
        }
        faults
    }

    pub fn name(&self) -> Localized {
        localized(&self.name_ja, &self.name_en)
    }

    pub fn place(&self) -> Localized {
        localized(&self.place_ja, &self.place_en)
    }
}

/// Japanese, and English where given (else the Japanese).
fn localized(ja: &str, en: &str) -> Localized {
    let (ja, en) = (ja.trim(), en.trim());
    Localized::new(ja, if en.is_empty() { ja } else { en })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_fault_at_its_input() {
        let blank = NewLine::default();
        let at: Vec<_> = blank
            .faults()
            .iter()
            .map(|f| (f.field, f.problem))
            .collect();
        assert_eq!(
            at,
            [
                (LineField::Id, LineProblem::Missing),
                (LineField::NameJa, LineProblem::Missing),
                (LineField::PlaceJa, LineProblem::Missing),
            ]
        );
        let bad = NewLine {
            id: "Aoba Shimin".into(),
            name_ja: "市民課".into(),
            name_en: "x".repeat(TEXT_MAX + 1),
            place_ja: "1階".into(),
            place_en: String::new(),
        };
        let at: Vec<_> = bad.faults().iter().map(|f| (f.field, f.problem)).collect();
        assert_eq!(
            at,
            [
                (LineField::Id, LineProblem::BadId),
                (LineField::NameEn, LineProblem::TooLong)
            ]
        );
    }

    #[test]
    fn english_left_blank_reads_the_japanese() {
        let line = NewLine {
            id: "aoba-shimin".into(),
            name_ja: " 市民課 ".into(),
            place_ja: "1階".into(),
            place_en: "1st floor".into(),
            ..NewLine::default()
        };
        assert!(line.faults().is_empty());
        assert_eq!(line.name(), Localized::new("市民課", "市民課"));
        assert_eq!(line.place(), Localized::new("1階", "1st floor"));
    }
}
