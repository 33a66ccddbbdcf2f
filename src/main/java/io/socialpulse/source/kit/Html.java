package io.socialpulse.source.kit;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.parser.Parser;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;

/**
 * Plain text and links from the HTML platforms put in posts (Mastodon statuses, Hacker News
 * comments, YouTube and Facebook text), read by a real HTML parser: a paragraph, even one HN opens
 * with a bare {@code <p>} and never closes, is its own line; {@code <br>} breaks a line; entities
 * are decoded once.
 */
public final class Html {

    private Html() {
    }

    public static String text(String html) {
        if (html == null || html.isEmpty()) {
            return "";
        }
        if (html.indexOf('<') < 0 && html.indexOf('&') < 0) {
            return html.strip();
        }
        StringBuilder out = new StringBuilder(html.length());
        NodeTraversor.traverse(new NodeVisitor() {
            @Override
            public void head(Node node, int depth) {
                if (node instanceof TextNode text) {
                    out.append(text.getWholeText());
                } else if (node instanceof Element element) {
                    switch (element.normalName()) {
                        case "br" -> out.append('\n');
                        case "p", "div", "li", "blockquote", "pre" -> paragraph(out);
                        default -> {
                        }
                    }
                }
            }

            @Override
            public void tail(Node node, int depth) {
                if (node instanceof Element element && switch (element.normalName()) {
                    case "p", "div", "li", "blockquote", "pre" -> true;
                    default -> false;
                }) {
                    paragraph(out);
                }
            }
        }, Jsoup.parseBodyFragment(html).body());
        return out.toString().replaceAll("[ \\t\\x0B\\f\\r]*\\n[ \\t\\x0B\\f\\r]*", "\n").replaceAll("\\n{3,}", "\n\n")
                .strip();
    }

    /** Text that is escaped but not marked up (YouTube titles, X text): {@code &amp;} and {@code &#39;} decoded once. */
    public static String unescape(String escaped) {
        if (escaped == null || escaped.indexOf('&') < 0) {
            return escaped;
        }
        return Parser.unescapeEntities(escaped, false);
    }

    /** The targets of the links in {@code html}: the full {@code href}, not the shortened text shown. */
    public static List<String> links(String html) {
        if (html == null || !html.contains("href")) {
            return List.of();
        }
        Set<String> found = new LinkedHashSet<>();
        for (Element a : Jsoup.parseBodyFragment(html).select("a[href]")) {
            String href = a.attr("href").strip();
            if (href.startsWith("http://") || href.startsWith("https://")) {
                found.add(href);
            }
        }
        return new ArrayList<>(found);
    }

    private static void paragraph(StringBuilder out) {
        if (out.length() > 0 && !endsWith(out, "\n\n")) {
            out.append(out.charAt(out.length() - 1) == '\n' ? "\n" : "\n\n");
        }
    }

    private static boolean endsWith(StringBuilder out, String suffix) {
        return out.length() >= suffix.length() && out.substring(out.length() - suffix.length()).equals(suffix);
    }
}
