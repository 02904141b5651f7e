/** Text from a user's file as a message shows it, the way `orgpath validate` prints it
 * (core `problem::shown`): control characters and the invisible marks that reorder
 * text (bidirectional overrides and isolates) are written out as escapes, so a file
 * cannot make a message read backwards or hide part of it. */
export function shown(text: string): string {
  return text.replace(/[\p{Cc}\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/gu, (c) => {
    switch (c) {
      case "\t":
        return "\\t";
      case "\n":
        return "\\n";
      case "\r":
        return "\\r";
      default:
        return `\\u{${c.codePointAt(0)!.toString(16)}}`;
    }
  });
}
