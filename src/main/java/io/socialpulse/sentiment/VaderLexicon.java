package io.socialpulse.sentiment;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * VADER's word lists: the MIT-licensed lexicon of 7,517 rated words and emoticons
 * ({@code sentiment/vader_lexicon.txt}), and the negations, boosters and idioms of its rules.
 */
final class VaderLexicon {

    static final double B_INCR = 0.293;
    static final double B_DECR = -0.293;
    static final double C_INCR = 0.733;
    static final double N_SCALAR = -0.74;

    static final Set<String> NEGATE = Set.of("aint", "arent", "cannot", "cant", "couldnt", "darent", "didnt", "doesnt",
            "ain't", "aren't", "can't", "couldn't", "daren't", "didn't", "doesn't", "dont", "hadnt", "hasnt", "havent",
            "isnt", "mightnt", "mustnt", "neither", "don't", "hadn't", "hasn't", "haven't", "isn't", "mightn't",
            "mustn't", "neednt", "needn't", "never", "none", "nope", "nor", "not", "nothing", "nowhere", "oughtnt",
            "shant", "shouldnt", "uhuh", "wasnt", "werent", "oughtn't", "shan't", "shouldn't", "uh-uh", "wasn't",
            "weren't", "without", "wont", "wouldnt", "won't", "wouldn't", "rarely", "seldom", "despite");

    static final Map<String, Double> BOOSTERS = new HashMap<>();
    static final Map<String, Double> IDIOMS = Map.of("the shit", 3.0, "the bomb", 3.0, "bad ass", 1.5, "yeah right",
            -2.0, "cut the mustard", 2.0, "kiss of death", -1.5, "hand to mouth", -2.0);

    static {
        for (String w : new String[]{"absolutely", "amazingly", "awfully", "completely", "considerably", "decidedly",
                "deeply", "effing", "enormously", "entirely", "especially", "exceptionally", "extremely", "fabulously",
                "flipping", "flippin", "fricking", "frickin", "frigging", "friggin", "fully", "fucking", "greatly",
                "hella", "highly", "hugely", "incredibly", "intensely", "majorly", "more", "most", "particularly",
                "purely", "quite", "really", "remarkably", "so", "substantially", "thoroughly", "totally",
                "tremendously", "uber", "unbelievably", "unusually", "utterly", "very"}) {
            BOOSTERS.put(w, B_INCR);
        }
        for (String w : new String[]{"almost", "barely", "hardly", "just enough", "kind of", "kinda", "kindof",
                "kind-of", "less", "little", "marginally", "occasionally", "partly", "scarcely", "slightly", "somewhat",
                "sort of", "sorta", "sortof", "sort-of"}) {
            BOOSTERS.put(w, B_DECR);
        }
    }

    private static final Map<String, Double> VALENCE = load();

    private VaderLexicon() {
    }

    /** The rated valence of a lower-case word or emoticon, or null. */
    static Double valence(String lower) {
        return VALENCE.get(lower);
    }

    static boolean contains(String lower) {
        return VALENCE.containsKey(lower);
    }

    private static Map<String, Double> load() {
        Map<String, Double> words = new HashMap<>(10_000);
        try (InputStream in = VaderLexicon.class.getClassLoader().getResourceAsStream("sentiment/vader_lexicon.txt");
                BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                int tab = line.indexOf('\t');
                if (tab > 0) {
                    words.put(line.substring(0, tab), Double.parseDouble(line.substring(tab + 1).strip()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the sentiment lexicon", e);
        }
        return words;
    }
}
