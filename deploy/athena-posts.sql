CREATE EXTERNAL TABLE IF NOT EXISTS social_pulse_posts (
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
LOCATION 's3://social-pulse-lake-123456789012/social-pulse/posts/'
TBLPROPERTIES (
  'projection.enabled' = 'true',
  'projection.platform.type' = 'enum',
  'projection.platform.values' = 'x,facebook,instagram,linkedin,mastodon,bluesky,reddit,youtube,hackernews',
  'projection.dt.type' = 'date',
  'projection.dt.format' = 'yyyy-MM-dd',
  'projection.dt.range' = '2020-01-01,NOW',
  'projection.hour.type' = 'integer',
  'projection.hour.range' = '0,23',
  'projection.hour.digits' = '2',
  'storage.location.template' = 's3://social-pulse-lake-123456789012/social-pulse/posts/platform=${platform}/dt=${dt}/hour=${hour}/'
);
