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
