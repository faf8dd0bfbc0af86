/* notes_ui: writing a paper's note from the reader (:note, edit-note) —
 * the terminal handed to the editor (screen.c) while notes_edit (notes.h)
 * runs it, taken back at the terminal's size then, the notes read again
 * (app_forget_notes) and the note shown in the paper pane's Notes section.
 * What a note holds and which editor runs are notes.c's. */
#ifndef DIGEST_NOTES_UI_H
#define DIGEST_NOTES_UI_H

#include "result.h"

struct app;

/* Edits the selected paper's note (made from the template on first use).
 * Afterwards the paper pane has the focus, at the Notes section, when the
 * paper has a note; a problem (no paper, no place for notes, the editor not
 * found or failing) is one line in the status line. */
ui_result notes_ui_edit(struct app *a);

#endif
