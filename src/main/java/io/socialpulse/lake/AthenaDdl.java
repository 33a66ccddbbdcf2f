package io.socialpulse.lake;

import io.socialpulse.post.Platforms;

/**
 * The Athena / Glue table over the lake, with partition projection on platform, day and hour, so
 * a new partition is queryable the moment its first object lands: no crawler, no MSCK REPAIR.
 * Printed by {@code application athena-ddl} for the configured bucket and prefix.
 */
public final class AthenaDdl {

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
                """
                .formatted(table) + jsonTable(location, """
                          'projection.platform.type' = 'enum',
                          'projection.platform.values' = '%s',
                        """.formatted(String.join(",", Platforms.ALL)), "platform=${platform}/");
    }

    /**
     * The table of what the trend view showed, minute by minute ({@code TRENDS_HISTORY}), under
     * {@code <prefix>/trends/}: one line per scope and minute.
     */
    public static String createTrendsTable(String table, String bucket, String prefix) {
        String location = "s3://" + bucket + "/" + prefix + "/trends/";
        String sentiment = "struct<n:bigint,mean:double,pos:double,neu:double,neg:double,unscored:bigint>";
        String rising = "array<struct<tag:string,count:bigint,authors:bigint,baseline:double,z:double,"
                + "trendingsince:string>>";
        return """
                CREATE EXTERNAL TABLE IF NOT EXISTS %s (
                  minute string,
                  task string,
                  scope string,
                  posts bigint,
                  postspersecond double,
                  sentiment %s,
                  top array<struct<rank:int,tag:string,count:bigint,lowerbound:bigint,upperbound:bigint,sentiment:%s,authors:bigint>>,
                  rising %s,
                  trending %s,
                  accounts array<struct<rank:int,account:string,platform:string,profileurl:string,engagement:bigint,share:double,posts:bigint,reach:bigint>>
                )
                PARTITIONED BY (dt string, hour string)
                """
                .formatted(table, sentiment, sentiment, rising, rising) + jsonTable(location, "", "");
    }

    /** The JSON SerDe, the location and projection on day and hour, after {@code projection} of other keys. */
    private static String jsonTable(String location, String projection, String partitionPath) {
        return """
                ROW FORMAT SERDE 'org.openx.data.jsonserde.JsonSerDe'
                WITH SERDEPROPERTIES ('ignore.malformed.json' = 'true', 'case.insensitive' = 'true')
                LOCATION '%s'
                TBLPROPERTIES (
                  'projection.enabled' = 'true',
                %s  'projection.dt.type' = 'date',
                  'projection.dt.format' = 'yyyy-MM-dd',
                  'projection.dt.range' = '2020-01-01,NOW',
                  'projection.hour.type' = 'integer',
                  'projection.hour.range' = '0,23',
                  'projection.hour.digits' = '2',
                  'storage.location.template' = '%s%sdt=${dt}/hour=${hour}/'
                );
                """.formatted(location, projection, location, partitionPath);
    }
}
