-- Views over social_pulse_posts (deploy/athena-posts.sql) for the questions analysts ask most.
-- Run once in the stack's Athena workgroup, in the Glue database (social_pulse by default).
-- LakeQueryTest runs the two hourly views, as written here, in DuckDB over a lake the tests wrote.

-- Posts with createdat as a timestamp (the column is ISO-8601 text, as the JSON lines hold it).
CREATE OR REPLACE VIEW social_pulse_posts_typed AS
SELECT *, from_iso8601_timestamp(createdat) AS created
FROM social_pulse_posts;

-- Volume and sentiment per platform and hour (partitions are the post's own time, UTC).
CREATE OR REPLACE VIEW social_pulse_hourly AS
SELECT platform, dt, hour, count(*) AS posts, count(sentiment) AS scored,
       avg(sentiment.compound) AS mean_sentiment
FROM social_pulse_posts
GROUP BY platform, dt, hour;

-- Volume and sentiment per platform, hour and hashtag.
CREATE OR REPLACE VIEW social_pulse_hourly_tags AS
SELECT platform, dt, hour, tag, count(*) AS posts, count(sentiment) AS scored,
       avg(sentiment.compound) AS mean_sentiment
FROM social_pulse_posts CROSS JOIN UNNEST(hashtags) AS t(tag)
GROUP BY platform, dt, hour, tag;
