//! A question inside a group inside an item of a repeatable group is named in messages by
//! the item and then by its group (「お子さん1の希望する施設(希望順)の第1希望」), not by the
//! item alone, so a resident with several children and several groups knows which box.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;

use madoguchi_core::Lang;
use madoguchi_forms::Form;

fn nursery() -> Form {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../forms/hoiku-moushikomi/form.json");
    let definition = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    Form::from_value(Path::new("forms/hoiku-moushikomi/form.json"), definition).unwrap()
}

#[test]
fn a_question_of_a_group_in_an_item_is_named_by_the_item_and_the_group() {
    let form = nursery();
    let choice = form.field("/children/1/facility_choices/choice_1").unwrap();
    let item = form.field("/children/1").unwrap();
    let group = form.field("/children/1/facility_choices").unwrap();
    let (item_ja, group_ja) = (item.label.get(Lang::Ja), group.label.get(Lang::Ja));
    assert!(item_ja.ends_with('2'), "the second item: {item_ja}");
    assert_eq!(
        choice.message_label().get(Lang::Ja),
        format!("{item_ja}の希望する施設(希望順)の第1希望")
    );
    assert_eq!(
        group.message_label().get(Lang::Ja),
        format!("{item_ja}の{group_ja}"),
        "the group itself is named by its item"
    );
    let item_en = item.label.get(Lang::En);
    assert_eq!(
        choice.message_label().get(Lang::En),
        format!("First choice (Preferred facilities, in order ({item_en}))")
    );
    // A question directly in the item keeps the item's name alone.
    let name = form.field("/children/1/name").unwrap();
    assert_eq!(
        name.message_label().get(Lang::Ja),
        format!("{item_ja}の氏名")
    );
}

/// The check page, receipt, PDF and clerk's page list a repeatable question by its items and
/// each item's questions with their own labels — a group inside an item by its questions —
/// not as one line of values nobody can tell apart.
#[test]
fn answers_list_each_item_and_its_groups_with_labels() {
    let form = nursery();
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../forms/hoiku-moushikomi/examples/valid/april-returning-from-leave.json");
    let (_, example) = madoguchi_forms::examples::read_valid(&path).unwrap();
    let data = form.normalize_json(example);
    let answers: Vec<_> = form
        .answers(&data, Lang::Ja)
        .into_iter()
        .flat_map(|(_, a)| a)
        .collect();
    let find = |name: &str| answers.iter().find(|a| a.name == name).unwrap();

    let children = find("children");
    let labels = |a: &madoguchi_forms::Answer| -> Vec<String> {
        a.parts.iter().map(|p| p.label.clone()).collect()
    };
    assert_eq!(
        labels(children).len(),
        1,
        "one child: {:?}",
        labels(children)
    );
    let child = &children.parts[0];
    assert!(
        child.label.ends_with('1'),
        "the item is numbered: {}",
        child.label
    );
    let name = child
        .parts
        .iter()
        .find(|p| p.name == "children.0.name")
        .unwrap();
    assert_eq!(
        (name.label.as_str(), name.value.as_str()),
        ("氏名", "仙台 陽葵")
    );
    let choices = child
        .parts
        .iter()
        .find(|p| p.name == "children.0.facility_choices")
        .unwrap();
    let firsts: Vec<(&str, &str)> = choices
        .parts
        .iter()
        .map(|p| (p.label.as_str(), p.value.as_str()))
        .collect();
    assert_eq!(
        firsts,
        [
            ("第1希望", "一番町保育園"),
            ("第2希望", "勾当台こども園"),
            ("第3希望", "錦町小規模保育室"),
        ],
        "the group inside the item, by its questions; unanswered ones left out"
    );
    // A My Number inside an item stays masked there too.
    let guardians = find("guardians");
    let father = &guardians.parts[1];
    let number = father
        .parts
        .iter()
        .find(|p| p.name.ends_with("my_number"))
        .unwrap();
    assert_eq!(number.value, "********9018");

    // A document lists the same as rows, one level deeper under what holds them; a row
    // that has parts says nothing of its own.
    let rows = children.rows();
    assert_eq!(rows[0], (0, children.label.as_str(), ""));
    assert_eq!(rows[1], (1, child.label.as_str(), ""));
    assert!(rows.contains(&(2, "氏名", "仙台 陽葵")), "{rows:?}");
    assert!(rows.contains(&(3, "第1希望", "一番町保育園")), "{rows:?}");

    // A group at the top of a step (the address) stays one line.
    assert!(find("guardian_address").parts.is_empty());
}
