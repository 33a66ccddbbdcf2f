package io.socialpulse.lake;

import java.util.List;

/**
 * The Athena / Glue table over the lake, with partition projection on platform, day and hour, so
 * a new partition is queryable the moment its first object lands: no crawler, no MSCK REPAIR.
 * Printed by {@code application athena-ddl} for the configured bucket and prefix.
 */
public final class AthenaDdl {

    /** Every platform a post can come from; projection needs the list. */
    public static final List<String> PLATFORMS = List.of("x", "facebook", "instagram", "linkedin", "mastodon",
            "bluesky", "reddit", "youtube", "hackernews");

    private AthenaDdl() {
    }

    public static String createTable(String table, String bucket, String prefix) {
        String location = "s3://" + bucket + "/" + new LakeLayout(prefix, "").postsPrefix();
        return """
                CREATE EXTERNAL TABLE IF NOT EXISTS %s (
                  schemaversion int,
                  id string,
                  nativeid string,
                  kind string,
                  repostof string,
                  repostofauthor struct<nativeid:string,handle:string,displayname:string,profileurl:string,followers:bigint>,
                  url string,
                  author struct<nativeid:string,handle:string,displayname:string,profileurl:string,followers:bigint>,
                  title string,
                  text string,
                  lang string,
                  createdat string,
                  hashtags array<string>,
                  mentions array<string>,
                  urls array<string>,
                  metrics map<string,bigint>,
                  sentiment struct<compound:double,pos:double,neu:double,neg:double>,
                  `match` struct<sourceid:string,queries:array<string>>,
                  community string,
                  ingest struct<fetchedat:string>,
                  raw string
                )
                PARTITIONED BY (platform string, dt string, hour string)
                ROW FORMAT SERDE 'org.openx.data.jsonserde.JsonSerDe'
                WITH SERDEPROPERTIES ('ignore.malformed.json' = 'true', 'case.insensitive' = 'true')
                LOCATION '%s'
                TBLPROPERTIES (
                  'projection.enabled' = 'true',
                  'projection.platform.type' = 'enum',
                  'projection.platform.values' = '%s',
                  'projection.dt.type' = 'date',
                  'projection.dt.format' = 'yyyy-MM-dd',
                  'projection.dt.range' = '2020-01-01,NOW',
                  'projection.hour.type' = 'integer',
                  'projection.hour.range' = '0,23',
                  'projection.hour.digits' = '2',
                  'storage.location.template' = '%splatform=${platform}/dt=${dt}/hour=${hour}/'
                );
                """
                .formatted(table, location, String.join(",", PLATFORMS), location);
    }
}
