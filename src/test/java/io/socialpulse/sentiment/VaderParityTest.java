package io.socialpulse.sentiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import com.vader.sentiment.analyzer.SentimentAnalyzer;

/** Our scorer against the reference Java port of VADER, on a few hundred social-style sentences. */
class VaderParityTest {

    private static final String[] SUBJECTS = {"this phone", "the new update", "our team", "the match", "the movie",
            "customer service", "the conference", "my coffee", "the election debate", "the launch"};
    private static final String[] WORDS = {"good", "great", "amazing", "love", "awesome", "nice", "happy", "bad",
            "terrible", "awful", "hate", "sad", "disappointing", "boring", "okay", "fine", "broken", "excellent",
            "horrible", "fun", "ugly", "beautiful", "wonderful", "annoying", "perfect", "worst", "best", "angry",
            "lovely", "useless"};
    private static final String[] BOOSTERS = {"", "", "very ", "really ", "extremely ", "kind of ", "slightly ",
            "so ", "totally ", "barely "};
    private static final String[] NEGATIONS = {"", "", "", "not ", "never ", "isn't ", "hardly "};
    private static final String[] ENDINGS = {"", "", ".", "!", "!!!", "?", "??", " :)", " :(", " lol"};

    static List<String> sentences() {
        Random random = new Random(20261122);
        List<String> sentences = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            String word = WORDS[random.nextInt(WORDS.length)];
            if (random.nextInt(8) == 0) {
                word = word.toUpperCase();
            }
            StringBuilder s = new StringBuilder(SUBJECTS[random.nextInt(SUBJECTS.length)]).append(" is ")
                    .append(NEGATIONS[random.nextInt(NEGATIONS.length)])
                    .append(BOOSTERS[random.nextInt(BOOSTERS.length)]).append(word);
            if (random.nextInt(3) == 0) {
                s.append(random.nextBoolean() ? " but " : " and ").append(BOOSTERS[random.nextInt(BOOSTERS.length)])
                        .append(WORDS[random.nextInt(WORDS.length)]);
            }
            sentences.add(s.append(ENDINGS[random.nextInt(ENDINGS.length)]).toString());
        }
        return sentences;
    }

    private static double reference(String text) throws Exception {
        SentimentAnalyzer analyzer = new SentimentAnalyzer(text);
        analyzer.analyze();
        return analyzer.getPolarity().get("compound");
    }

    @Test
    void compoundScoresCorrelateWithTheReferencePort() throws Exception {
        List<String> sentences = sentences();
        double[] ours = new double[sentences.size()];
        double[] theirs = new double[sentences.size()];
        for (int i = 0; i < sentences.size(); i++) {
            ours[i] = Vader.score(sentences.get(i)).compound();
            theirs[i] = reference(sentences.get(i));
        }
        double r = pearson(ours, theirs);
        System.out.printf("VADER parity on %d sentences: r = %.4f%n", sentences.size(), r);
        assertTrue(r >= 0.99, "correlation " + r);
    }

    @Test
    void scoresTheClassicExamplesInTheRightDirection() {
        assertTrue(Vader.score("VADER is smart, handsome, and funny.").compound() > 0.5);
        assertTrue(Vader.score("The book was kind of good.").compound() > 0);
        assertTrue(Vader.score("The plot was good, but the characters are uncompelling and the dialog is not great.")
                .compound() < 0);
        assertTrue(Vader.score("Today SUX!").compound() < -0.3);
        assertTrue(Vader.score("not good").compound() < 0);
        assertTrue(Vader.score("VADER is VERY SMART!!!").compound() > Vader.score("VADER is very smart").compound());
        assertEquals(0, Vader.score("").compound());
    }

    @Test
    void readsEmojiThroughTheirNames() {
        assertTrue(Vader.score("new phone 😍").compound() > 0.3, "smiling face with heart-shaped eyes");
        assertTrue(Vader.score("new phone 😠").compound() < 0, "angry face");
        assertTrue(Vader.score("new phone 😢").compound() < 0, "crying face");
    }

    static double pearson(double[] x, double[] y) {
        double mx = 0;
        double my = 0;
        for (int i = 0; i < x.length; i++) {
            mx += x[i];
            my += y[i];
        }
        mx /= x.length;
        my /= y.length;
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (int i = 0; i < x.length; i++) {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
            syy += (y[i] - my) * (y[i] - my);
        }
        return sxy / Math.sqrt(sxx * syy);
    }
}
