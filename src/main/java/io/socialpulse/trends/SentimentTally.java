package io.socialpulse.trends;

/** Sentiment of a set of posts: how many were scored, their mean compound, and the share of each class. */
final class SentimentTally {

    /** VADER's own thresholds for positive and negative. */
    static final double THRESHOLD = 0.05;

    long scored;
    double sum;
    long positive;
    long negative;
    long unscored;

    void add(double compound) {
        scored++;
        sum += compound;
        if (compound >= THRESHOLD) {
            positive++;
        } else if (compound <= -THRESHOLD) {
            negative++;
        }
    }

    void merge(SentimentTally other) {
        scored += other.scored;
        sum += other.sum;
        positive += other.positive;
        negative += other.negative;
        unscored += other.unscored;
    }

    SentimentView view() {
        if (scored == 0) {
            return new SentimentView(0, 0, 0, 0, 0, unscored);
        }
        double n = scored;
        return new SentimentView(scored, round(sum / n), round(positive / n), round((scored - positive - negative) / n),
                round(negative / n), unscored);
    }

    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }
}
