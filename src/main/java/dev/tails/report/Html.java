package dev.tails.report;

import java.util.List;

/** Escaping and tables for the report's hand-written HTML. */
final class Html {
    private Html() {
    }

    /** The opening of a page, up to and including body, with the report's inline style. */
    static String head(String title) {
        return "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + escape(title)
                + "</title><style>body{font-family:sans-serif;max-width:1100px;margin:1em auto;padding:0 1em}"
                + "table{border-collapse:collapse;margin:.5em 0}td,th{border:1px solid #ccc;padding:2px 6px;"
                + "text-align:right;font-size:13px}code{background:#eee;padding:1px 4px}</style></head><body>";
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    /** A table with a header row; cells are escaped. */
    static String table(List<String> header, List<List<String>> rows) {
        StringBuilder html = new StringBuilder("<table><tr>");
        header.forEach(h -> html.append("<th>").append(escape(h)).append("</th>"));
        html.append("</tr>");
        for (List<String> row : rows) {
            html.append("<tr>");
            row.forEach(c -> html.append("<td>").append(escape(c)).append("</td>"));
            html.append("</tr>");
        }
        return html.append("</table>").toString();
    }
}
