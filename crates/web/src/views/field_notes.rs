//! What a step's fields get after they are drawn: the addresses of the buttons that change
//! the page, the files of file questions, and the warnings of accepted answers.

use madoguchi_core::Lang;
use madoguchi_forms::FieldWarning;

use super::FieldView;

/// Points the buttons that change the page at what they change: "add another" at the new
/// item, "remove" at the list, "find address" at the address's town. Without JavaScript
/// the page comes back scrolled there; `focus.js` then moves focus there and announces it.
pub fn anchor_actions(fields: &mut [FieldView], action: &str) {
    for f in fields.iter_mut() {
        if f.add_action.is_some() {
            f.add_formaction = Some(format!("{action}#{}-{}-item", f.base_id(), f.items.len()));
        }
        if f.remove_action.is_some() {
            let list = f.base_id();
            let list = list.rsplit_once('-').map_or(list.as_str(), |(l, _)| l);
            f.remove_formaction = Some(format!("{action}#{list}-list"));
        }
        if let Some(target) = f
            .address_target
            .as_ref()
            .filter(|_| f.lookup_action.is_some())
        {
            f.lookup_formaction = Some(format!("{action}#f-{}-town", target.replace('.', "-")));
        }
        anchor_actions(&mut f.children, action);
        anchor_actions(&mut f.items, action);
        anchor_actions(&mut f.dependents, action);
    }
}

/// Fills the file questions of a step with their files and the buttons' addresses.
pub fn attach_files(
    fields: &mut [FieldView],
    files: &[madoguchi_app::kernel::AttachmentView],
    procedure_id: &str,
    step_id: &str,
) {
    for f in fields.iter_mut() {
        if f.is_file() {
            let pointer = format!("/{}", f.name.replace('.', "/"));
            f.files = files
                .iter()
                .filter(|a| a.field == pointer)
                .map(|a| {
                    (
                        a.id.to_string(),
                        a.file_name.clone(),
                        madoguchi_app::kernel::human_size(a.size_bytes),
                    )
                })
                .collect();
            f.upload_action = Some(format!("/p/{procedure_id}/{step_id}/files"));
            f.remove_file_action = Some(format!("/p/{procedure_id}/{step_id}/files/remove"));
        }
        attach_files(&mut f.children, files, procedure_id, step_id);
        attach_files(&mut f.dependents, files, procedure_id, step_id);
    }
}

/// Puts each warning under its field (the field at its pointer, in a group or an item of a
/// repeatable group too): accepted answers the resident should know about.
pub fn note_warnings(fields: &mut [FieldView], warnings: &[FieldWarning], lang: Lang) {
    for view in fields.iter_mut() {
        let pointer = format!("/{}", view.name.replace('.', "/"));
        if let Some(w) = warnings.iter().find(|w| w.pointer == pointer) {
            view.warning = Some(w.message.get(lang).to_string());
        }
        note_warnings(&mut view.children, warnings, lang);
        note_warnings(&mut view.items, warnings, lang);
        note_warnings(&mut view.dependents, warnings, lang);
    }
}
