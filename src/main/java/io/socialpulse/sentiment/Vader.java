package io.socialpulse.sentiment;

import static io.socialpulse.sentiment.VaderLexicon.BOOSTERS;
import static io.socialpulse.sentiment.VaderLexicon.B_DECR;
import static io.socialpulse.sentiment.VaderLexicon.C_INCR;
import static io.socialpulse.sentiment.VaderLexicon.IDIOMS;
import static io.socialpulse.sentiment.VaderLexicon.NEGATE;
import static io.socialpulse.sentiment.VaderLexicon.N_SCALAR;

import java.util.List;
import java.util.Locale;

/**
 * VADER (Hutto and Gilbert, 2014): rule-based sentiment for short social text. The rules are
 * VADER's: lexicon valence, ALL-CAPS emphasis, boosters and dampeners up to three words back,
 * negation, "but", "least", idioms, and exclamation and question marks. Two changes: punctuation is
 * stripped from both ends of a token (as VADER 3 does), and an emoji is read as its Unicode name,
 * which VADER's own emoji lexicon mostly repeats (😍 reads "smiling face with heart-shaped eyes").
 * Thread-safe and allocation-light.
 */
public final class Vader {

    private Vader() {
    }

    /** Compound in [-1, 1] and the shares of positive, neutral and negative in [0, 1]. */
    public record Scores(double compound, double pos, double neu, double neg) {
    }

    public static Scores score(String text) {
        List<String> words = VaderTokens.tokens(text == null ? "" : text);
        boolean capDiff = capDifferential(words);
        double[] sentiments = new double[words.size()];
        for (int i = 0; i < words.size(); i++) {
            String lower = words.get(i).toLowerCase(Locale.ROOT);
            boolean kindOf = lower.equals("kind") && i + 1 < words.size()
                    && words.get(i + 1).equalsIgnoreCase("of");
            sentiments[i] = kindOf || BOOSTERS.containsKey(lower) ? 0 : valence(words, i, capDiff);
        }
        butCheck(words, sentiments);
        return scores(sentiments, text == null ? "" : text);
    }

    private static boolean capDifferential(List<String> words) {
        int caps = 0;
        for (String w : words) {
            if (VaderTokens.isUpper(w)) {
                caps++;
            }
        }
        int diff = words.size() - caps;
        return diff > 0 && diff < words.size();
    }

    private static double valence(List<String> words, int i, boolean capDiff) {
        String item = words.get(i);
        Double rated = VaderLexicon.valence(item.toLowerCase(Locale.ROOT));
        if (rated == null) {
            return 0;
        }
        double valence = rated;
        if (capDiff && VaderTokens.isUpper(item)) {
            valence += valence > 0 ? C_INCR : -C_INCR;
        }
        for (int back = 0; back < 3; back++) {
            if (i > back && !VaderLexicon.contains(lower(words, i - back - 1))) {
                double s = scalar(words.get(i - back - 1), valence, capDiff);
                if (back == 1 && s != 0) {
                    s *= 0.95;
                } else if (back == 2 && s != 0) {
                    s *= 0.9;
                }
                valence = negation(valence + s, words, back, i);
                if (back == 2) {
                    valence = idioms(valence, words, i);
                }
            }
        }
        return least(valence, words, i);
    }

    private static double scalar(String word, double valence, boolean capDiff) {
        Double boost = BOOSTERS.get(word.toLowerCase(Locale.ROOT));
        if (boost == null) {
            return 0;
        }
        double scalar = valence < 0 ? -boost : boost;
        if (capDiff && VaderTokens.isUpper(word)) {
            scalar += valence > 0 ? C_INCR : -C_INCR;
        }
        return scalar;
    }

    private static double negation(double valence, List<String> words, int back, int i) {
        String before = lower(words, i - back - 1);
        if (back == 0) {
            return negated(before) ? valence * N_SCALAR : valence;
        }
        String one = words.get(i - 1);
        String two = words.get(i - 2);
        if (back == 1) {
            if (two.equals("never") && (one.equals("so") || one.equals("this"))) {
                return valence * 1.5;
            }
            return negated(before) ? valence * N_SCALAR : valence;
        }
        String three = words.get(i - 3);
        if ((three.equals("never") && (two.equals("so") || two.equals("this"))) || one.equals("so")
                || one.equals("this")) {
            return valence * 1.25;
        }
        return negated(before) ? valence * N_SCALAR : valence;
    }

    private static boolean negated(String lower) {
        return NEGATE.contains(lower) || lower.contains("n't");
    }

    private static double idioms(double valence, List<String> words, int i) {
        String w0 = words.get(i);
        String w1 = words.get(i - 1);
        String w2 = words.get(i - 2);
        String w3 = words.get(i - 3);
        for (String sequence : new String[]{w1 + " " + w0, w2 + " " + w1 + " " + w0, w2 + " " + w1,
                w3 + " " + w2 + " " + w1, w3 + " " + w2}) {
            Double idiom = IDIOMS.get(sequence);
            if (idiom != null) {
                valence = idiom;
                break;
            }
        }
        if (words.size() - 1 > i) {
            valence = IDIOMS.getOrDefault(w0 + " " + words.get(i + 1), valence);
        }
        if (words.size() - 1 > i + 1) {
            valence = IDIOMS.getOrDefault(w0 + " " + words.get(i + 1) + " " + words.get(i + 2), valence);
        }
        if (BOOSTERS.containsKey(w3 + " " + w2) || BOOSTERS.containsKey(w2 + " " + w1)) {
            valence += B_DECR;
        }
        return valence;
    }

    private static double least(double valence, List<String> words, int i) {
        if (i > 0 && lower(words, i - 1).equals("least") && !VaderLexicon.contains("least")) {
            if (i == 1) {
                return valence * N_SCALAR;
            }
            String before = lower(words, i - 2);
            return before.equals("at") || before.equals("very") ? valence : valence * N_SCALAR;
        }
        return valence;
    }

    private static void butCheck(List<String> words, double[] sentiments) {
        int but = words.indexOf("but");
        if (but < 0) {
            but = words.indexOf("BUT");
        }
        if (but < 0) {
            return;
        }
        for (int i = 0; i < sentiments.length; i++) {
            if (i < but) {
                sentiments[i] *= 0.5;
            } else if (i > but) {
                sentiments[i] *= 1.5;
            }
        }
    }

    private static Scores scores(double[] sentiments, String text) {
        if (sentiments.length == 0) {
            return new Scores(0, 0, 0, 0);
        }
        double sum = 0;
        for (double s : sentiments) {
            sum += s;
        }
        double punctuation = emphasis(text);
        if (sum > 0) {
            sum += punctuation;
        } else if (sum < 0) {
            sum -= punctuation;
        }
        double compound = Math.max(-1, Math.min(1, sum / Math.sqrt(sum * sum + 15)));
        double pos = 0;
        double neg = 0;
        int neu = 0;
        for (double s : sentiments) {
            if (s > 0) {
                pos += s + 1;
            } else if (s < 0) {
                neg += s - 1;
            } else {
                neu++;
            }
        }
        if (pos > Math.abs(neg)) {
            pos += punctuation;
        } else if (pos < Math.abs(neg)) {
            neg -= punctuation;
        }
        double total = pos + Math.abs(neg) + neu;
        return new Scores(compound, Math.abs(pos / total), Math.abs(neu / total), Math.abs(neg / total));
    }

    private static double emphasis(String text) {
        int exclamations = 0;
        int questions = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            exclamations += c == '!' ? 1 : 0;
            questions += c == '?' ? 1 : 0;
        }
        double amplifier = Math.min(exclamations, 4) * 0.292;
        if (questions > 1) {
            amplifier += questions <= 3 ? questions * 0.18 : 0.96;
        }
        return amplifier;
    }

    private static String lower(List<String> words, int i) {
        return words.get(i).toLowerCase(Locale.ROOT);
    }
}
