-- What the trend view showed, minute by minute (TRENDS_HISTORY): one line per scope and minute.
-- Replace the bucket and prefix with yours (the stack's LakeBucket output and LakePrefix).
CREATE EXTERNAL TABLE IF NOT EXISTS social_pulse_trends (
  minute string,
  task string,
  scope string,
  posts bigint,
  postspersecond double,
  sentiment struct<n:bigint,mean:double,pos:double,neu:double,neg:double,unscored:bigint>,
  top array<struct<rank:int,tag:string,count:bigint,lowerbound:bigint,upperbound:bigint,sentiment:struct<n:bigint,mean:double,pos:double,neu:double,neg:double,unscored:bigint>,authors:bigint>>,
  rising array<struct<tag:string,count:bigint,authors:bigint,baseline:double,z:double,trendingsince:string>>,
  trending array<struct<tag:string,count:bigint,authors:bigint,baseline:double,z:double,trendingsince:string>>,
  accounts array<struct<rank:int,account:string,platform:string,profileurl:string,engagement:bigint,share:double,posts:bigint,reach:bigint>>
)
PARTITIONED BY (dt string, hour string)
ROW FORMAT SERDE 'org.openx.data.jsonserde.JsonSerDe'
WITH SERDEPROPERTIES ('ignore.malformed.json' = 'true', 'case.insensitive' = 'true')
LOCATION 's3://social-pulse-lake-123456789012/social-pulse/trends/'
TBLPROPERTIES (
  'projection.enabled' = 'true',
  'projection.dt.type' = 'date',
  'projection.dt.format' = 'yyyy-MM-dd',
  'projection.dt.range' = '2020-01-01,NOW',
  'projection.hour.type' = 'integer',
  'projection.hour.range' = '0,23',
  'projection.hour.digits' = '2',
  'storage.location.template' = 's3://social-pulse-lake-123456789012/social-pulse/trends/dt=${dt}/hour=${hour}/'
);

-- What was trending at 14:05 yesterday, over all platforms:
-- SELECT t.tag, t.z FROM social_pulse_trends CROSS JOIN UNNEST(trending) AS x(t)
-- WHERE dt = cast(current_date - interval '1' day AS varchar) AND hour = '14'
--   AND scope = 'all' AND minute LIKE '%T14:05:00Z';
