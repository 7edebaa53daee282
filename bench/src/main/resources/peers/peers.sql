-- The benchmark's peers: for every %drugs command the benchmark runs (its registry example), the
-- same result written by hand, once as Spark SQL (the engine floor: what an analyst would type in
-- %drugs.sql, run on the interpreter's own session and cached tables) and once as DuckDB SQL (on
-- the warehouse's Parquet files of the same data).
--
-- Format: a block starts with "-- command: <registry example>" (matched by meaning: the line is
-- parsed and keyed by command, argument and option values with defaults filled in, so option order
-- and spelled-out defaults do not matter), then either
--   "-- spark" and "-- duckdb" sections (or "-- both" when the text is the same),
--   "-- n/a: <why>"  for an analysis whose work is not SQL (text analytics, mining), or
--   "-- skip: <why>" for a command that is not an analysis.
-- "-- unordered" marks a command whose row order is not defined; its rows are compared as a set.
-- "-- note: <text>" says what the command does that the peers do not (the report shows it).
-- Output columns carry the command's column keys, so PeerCheck compares them column by column.

-- command: help manufacturers diversity
-- skip: shows the registry's text

-- command: tables
-- skip: lists the tables with their load counts

-- command: quality
-- skip: the load reports kept from the last load; no query

-- command: dataset
-- skip: one line from the load reports; no query

-- command: chart kpi
-- n/a: draws the kpi figures as SVG; the figures are kpi's, whose peers are below

-- command: chart heatmap --top 15
-- n/a: draws matrix's table as SVG; its peers are matrix's

-- command: chart treemap --type 西药 --depth 2
-- n/a: draws the categories tree as SVG (squarified layout in Java); its figures are categories'

-- command: chart rules --min-support 0.02 --min-confidence 0.6 --limit 30
-- n/a: mining (Smile FP-growth) drawn as a graph

-- command: chart clusters --k auto
-- n/a: mining (Smile KMeans) and a projection drawn as SVG

-- command: kpi
-- spark
select c.entries, c.varieties, c.jia / c.varieties as jia_variety_share,
  (c.varieties - c.jia) / c.varieties as yi_variety_share, p.products, p.manufacturers,
  c.restricted / c.entries as restricted_entry_share, c.neg as negotiated_varieties
from (select sum(n) as entries, count(*) as varieties, sum(jia) as jia, sum(restricted) as restricted, sum(neg) as neg
      from (select count(*) as n, max(if(level = '甲', 1, 0)) as jia, sum(if(restricted, 1, 0)) as restricted,
              max(if(part <> '常规目录', 1, 0)) as neg
            from catalog group by variety_id) v) c
cross join (select count(*) as products, size(collect_set(manufacturer)) as manufacturers from products) p
-- duckdb
select c.entries, c.varieties, c.jia / c.varieties as jia_variety_share,
  (c.varieties - c.jia) / c.varieties as yi_variety_share, p.products, p.manufacturers,
  c.restricted / c.entries as restricted_entry_share, c.neg as negotiated_varieties
from (select count(*) as entries, count(distinct variety_id) as varieties,
        count(distinct if(level = '甲', variety_id, null)) as jia,
        sum(if(restricted, 1, 0)) as restricted,
        count(distinct if(part <> '常规目录', variety_id, null)) as neg
      from catalog) c
cross join (select count(*) as products, count(distinct manufacturer) as manufacturers from products) p

-- command: levels --by variety
-- spark
with v as (
  select section, medicine_type, max(if(level = '甲', 1, 0)) as jia, max(if(ethnic, 1, 0)) as ethnic,
    max(if(part <> '常规目录', 1, 0)) as neg
  from catalog group by section, medicine_type, variety_id),
g as (
  select if(neg = 1, concat('谈判药品·', medicine_type), medicine_type) as grp, jia from v
  union all select '中成药·其中民族药', jia from v where neg = 0 and medicine_type = '中成药' and ethnic = 1
  union all select '谈判药品', jia from v where neg = 1
  union all select '谈判药品·其中竞价药品', jia from v where section = '竞价药品'
  union all select '合计', jia from v),
c as (select grp, sum(jia) as jia, count(*) as n from g group by grp)
select grp as `group`, level, varieties, varieties / n as share
from c lateral view stack(3, 0, '甲', jia, 1, '乙', n - jia, 2, '小计', n) s as k, level, varieties
order by case grp when '西药' then 0 when '中成药' then 1 when '中成药·其中民族药' then 2 when '谈判药品' then 3
  when '谈判药品·西药' then 4 when '谈判药品·其中竞价药品' then 5 when '谈判药品·中成药' then 6 else 7 end, k
-- duckdb
with v as (
  select section, medicine_type, max(if(level = '甲', 1, 0)) as jia, max(if(ethnic, 1, 0)) as ethnic,
    max(if(part <> '常规目录', 1, 0)) as neg
  from catalog group by section, medicine_type, variety_id),
g as (
  select if(neg = 1, concat('谈判药品·', medicine_type), medicine_type) as grp, jia from v
  union all select '中成药·其中民族药', jia from v where neg = 0 and medicine_type = '中成药' and ethnic = 1
  union all select '谈判药品', jia from v where neg = 1
  union all select '谈判药品·其中竞价药品', jia from v where section = '竞价药品'
  union all select '合计', jia from v),
c as (select grp, sum(jia) as jia, count(*) as n from g group by grp)
select grp as "group", level, varieties, varieties / n as share from (
  select grp, 0 as k, '甲' as level, jia as varieties, n from c
  union all select grp, 1, '乙', n - jia, n from c
  union all select grp, 2, '小计', n, n from c) s
order by case grp when '西药' then 0 when '中成药' then 1 when '中成药·其中民族药' then 2 when '谈判药品' then 3
  when '谈判药品·西药' then 4 when '谈判药品·其中竞价药品' then 5 when '谈判药品·中成药' then 6 else 7 end, k

-- command: forms --min 100
-- spark
select coalesce(f.dosage_form, '（未注明）') as dosage_form, products, share, generics, mean_self_pay
from (select dosage_form, count(*) as products, count(*) / sum(count(*)) over () as share,
        size(collect_set(name)) as generics, avg(self_pay_ratio) as mean_self_pay
      from products group by dosage_form) f
where products >= 100
order by products desc, f.dosage_form
limit 30
-- duckdb
select coalesce(f.dosage_form, '（未注明）') as dosage_form, products, share, generics, mean_self_pay
from (select dosage_form, count(*) as products, count(*) / sum(count(*)) over () as share,
        count(distinct name) as generics, avg(self_pay_ratio) as mean_self_pay
      from products group by dosage_form) f
where products >= 100
order by products desc, f.dosage_form
limit 30

-- command: ratios
-- both
select coalesce(level, '合计') as level, count(*) as products, avg(self_pay_ratio) as mean_self_pay,
  min(self_pay_ratio) as min_self_pay, max(self_pay_ratio) as max_self_pay,
  stddev_samp(self_pay_ratio) as stddev_self_pay, grouping(level) as g
from products group by rollup(level)
order by g, case level when '甲' then 0 when '乙' then 1 when '丙' then 2 else 3 end

-- command: fixed
-- both
select if(grouping(level) = 1, '合计', coalesce(drug_type, '（未注明）')) as drug_type,
  if(grouping(level) = 1, '', level) as level, count(*) as products,
  sum(if(fixed_payment, 1, 0)) as fixed_products, sum(if(fixed_payment, 1, 0)) / count(*) as fixed_share,
  if(grouping(level) = 1, null, avg(if(fixed_payment, fixed_amount, null))) as mean_fixed_amount,
  if(grouping(level) = 1, null, min(if(fixed_payment, fixed_amount, null))) as min_fixed_amount,
  if(grouping(level) = 1, null, max(if(fixed_payment, fixed_amount, null))) as max_fixed_amount,
  grouping(level) as g
from products group by grouping sets ((drug_type, level), ())
order by g, drug_type, case level when '甲' then 0 when '乙' then 1 when '丙' then 2 else 3 end

-- command: generics --top 20
-- spark
select row_number() over (order by products desc, manufacturers desc, name) as rank, *
from (select name, count(*) as products, count(*) / sum(count(*)) over () as share,
        size(collect_set(manufacturer)) as manufacturers, size(collect_set(dosage_form)) as forms,
        concat_ws('/', max(if(level = '甲', '甲', null)), max(if(level = '乙', '乙', null)),
          max(if(level = '丙', '丙', null))) as levels,
        avg(self_pay_ratio) as mean_self_pay
      from products group by name
      order by products desc, manufacturers desc, name limit 20) t
order by rank
-- duckdb
select row_number() over (order by products desc, manufacturers desc, name) as "rank", *
from (select name, count(*) as products, count(*) / (select count(*) from products) as share,
        count(distinct manufacturer) as manufacturers, count(distinct dosage_form) as forms,
        concat_ws('/', max(if(level = '甲', '甲', null)), max(if(level = '乙', '乙', null)),
          max(if(level = '丙', '丙', null))) as levels,
        avg(self_pay_ratio) as mean_self_pay
      from products group by name
      order by products desc, manufacturers desc, name limit 20) t
order by "rank"

-- command: burden --bands 0,0.1,0.3,0.6,1
-- spark
with c as (
  select level, count(*) as total,
    sum(if(self_pay_ratio >= 0 and self_pay_ratio <= 0.1, 1, 0)) as b0,
    sum(if(self_pay_ratio > 0.1 and self_pay_ratio <= 0.3, 1, 0)) as b1,
    sum(if(self_pay_ratio > 0.3 and self_pay_ratio <= 0.6, 1, 0)) as b2,
    sum(if(self_pay_ratio > 0.6 and self_pay_ratio <= 1, 1, 0)) as b3
  from products group by level)
select band, level, products, products / total as share_in_level
from c lateral view stack(5, 0, '[0%–10%]', b0, 1, '(10%–30%]', b1, 2, '(30%–60%]', b2,
  3, '(60%–100%]', b3, 4, '分档之外', total - b0 - b1 - b2 - b3) s as k, band, products
where k < 4 or products > 0
order by k, case level when '甲' then 0 when '乙' then 1 when '丙' then 2 else 3 end
-- duckdb
with c as (
  select level, count(*) as total,
    sum(if(self_pay_ratio >= 0 and self_pay_ratio <= 0.1, 1, 0)) as b0,
    sum(if(self_pay_ratio > 0.1 and self_pay_ratio <= 0.3, 1, 0)) as b1,
    sum(if(self_pay_ratio > 0.3 and self_pay_ratio <= 0.6, 1, 0)) as b2,
    sum(if(self_pay_ratio > 0.6 and self_pay_ratio <= 1, 1, 0)) as b3
  from products group by level)
select band, level, products, products / total as share_in_level from (
  select 0 as k, '[0%–10%]' as band, level, b0 as products, total from c
  union all select 1, '(10%–30%]', level, b1, total from c
  union all select 2, '(30%–60%]', level, b2, total from c
  union all select 3, '(60%–100%]', level, b3, total from c
  union all select 4, '分档之外', level, total - b0 - b1 - b2 - b3, total from c) s
where k < 4 or products > 0
order by k, case level when '甲' then 0 when '乙' then 1 when '丙' then 2 else 3 end

-- command: matrix --top 15
-- both
select coalesce(dosage_form, '（未注明）') as dosage_form, sum(if(level = '甲', 1, 0)) as level_jia,
  sum(if(level = '乙', 1, 0)) as level_yi, sum(if(level = '丙', 1, 0)) as level_bing, count(*) as products
from products group by dosage_form
order by products desc, dosage_form
limit 15

-- command: categories --depth 1 --type 西药
-- both
with v as (
  select cat1_code, cat1_name, variety_id, count(*) as entries, max(if(level = '甲', 1, 0)) as jia
  from catalog where medicine_type = '西药' and cat1_code is not null
  group by cat1_code, cat1_name, variety_id),
p as (select variety_id, count(*) as n from products where variety_id is not null group by variety_id)
select '西药' as medicine_type, v.cat1_code as category_code, min(v.cat1_name) as category_name,
  sum(v.entries) as entries, count(*) as varieties, sum(v.jia) as jia_varieties, coalesce(sum(p.n), 0) as products
from v left join p on v.variety_id = p.variety_id
group by v.cat1_code
order by category_code

-- command: manufacturers share --top 10
-- spark
with m as (select manufacturer, count(*) as products, size(collect_set(name)) as generics
           from products group by manufacturer),
r as (select row_number() over (order by products desc, generics desc, manufacturer) as rank, manufacturer,
        products, generics, sum(products) over () as total, count(*) over () as makers from m),
g as (select size(collect_set(name)) as all_generics from products)
select rank, manufacturer, products, products / total as product_share, generics,
  generics / all_generics as generic_coverage
from r cross join g where rank <= 10
union all
select null, concat('其他 ', max(makers) - 10, ' 家企业'), sum(products), sum(products) / max(total), null, null
from r where rank > 10 having count(*) > 0
order by rank nulls last
-- duckdb
with m as (select manufacturer, count(*) as products, count(distinct name) as generics
           from products group by manufacturer),
r as (select row_number() over (order by products desc, generics desc, manufacturer) as "rank", manufacturer,
        products, generics, sum(products) over () as total, count(*) over () as makers from m),
g as (select count(distinct name) as all_generics from products)
select "rank", manufacturer, products, products / total as product_share, generics,
  generics / all_generics as generic_coverage
from r cross join g where "rank" <= 10
union all
select null, concat('其他 ', max(makers) - 10, ' 家企业'), sum(products), sum(products) / max(total), null, null
from r where "rank" > 10 having count(*) > 0
order by "rank" nulls last

-- command: manufacturers portfolio --top 10
-- spark
select manufacturer, count(*) as products, sum(if(level = '甲', 1, 0)) as level_jia,
  sum(if(level = '乙', 1, 0)) as level_yi, sum(if(level = '丙', 1, 0)) as level_bing,
  sum(if(level = '甲', 1, 0)) / count(*) as jia_share, sum(if(negotiated, 1, 0)) as negotiated_products,
  size(collect_set(name)) as generics, size(collect_set(dosage_form)) as forms,
  sum(if(drug_type = '中成药', 1, 0)) / count(*) as tcm_share
from products group by manufacturer
order by products desc, manufacturer
limit 10
-- duckdb
select manufacturer, count(*) as products, sum(if(level = '甲', 1, 0)) as level_jia,
  sum(if(level = '乙', 1, 0)) as level_yi, sum(if(level = '丙', 1, 0)) as level_bing,
  sum(if(level = '甲', 1, 0)) / count(*) as jia_share, sum(if(negotiated, 1, 0)) as negotiated_products,
  count(distinct name) as generics, count(distinct dosage_form) as forms,
  sum(if(drug_type = '中成药', 1, 0)) / count(*) as tcm_share
from products group by manufacturer
order by products desc, manufacturer
limit 10

-- command: manufacturers specialization --top 20
-- both
with f as (
  select manufacturer, coalesce(dosage_form, '（未注明）') as form, count(*) as n
  from products group by manufacturer, coalesce(dosage_form, '（未注明）')),
m as (
  select manufacturer, form, n, sum(n) over (partition by manufacturer) as products,
    count(*) over (partition by manufacturer) as forms,
    row_number() over (partition by manufacturer order by n desc, form) as rn
  from f)
select manufacturer, products, forms, form as main_form, n / products as main_form_share,
  case when n / products >= 0.6 then '专精型' when n / products >= 0.3 then '主导型' else '多元型' end as profile
from m where rn = 1
order by products desc, manufacturer
limit 20

-- command: manufacturers diversity --top 20 --min-products 10
-- both
with f as (
  select manufacturer, coalesce(dosage_form, '（未注明）') as form, count(*) as n
  from products group by manufacturer, coalesce(dosage_form, '（未注明）')),
s as (
  select manufacturer, n / sum(n) over (partition by manufacturer) as p,
    sum(n) over (partition by manufacturer) as total
  from f)
select manufacturer, max(total) as products, count(*) as forms, -sum(p * ln(p)) as shannon,
  1 - sum(p * p) as simpson, if(count(*) <= 1, 0, -sum(p * ln(p)) / ln(count(*))) as evenness
from s group by manufacturer having max(total) >= 10
order by products desc, manufacturer
limit 20

-- command: manufacturers concentration
-- unordered
-- both
with mt as (
  select coalesce(drug_type, '（未注明）') as scope, manufacturer, count(*) as n
  from products group by drug_type, manufacturer),
u as (
  select '全部产品' as scope, manufacturer, sum(n) as n from mt group by manufacturer
  union all select scope, manufacturer, n from mt),
r as (
  select scope, n, row_number() over (partition by scope order by n desc) as rn,
    sum(n) over (partition by scope) as total
  from u)
select scope, count(*) as manufacturers, max(total) as products,
  sum(if(rn <= 4, n, 0)) / max(total) as cr4, sum(if(rn <= 10, n, 0)) / max(total) as cr10,
  round(sum((100 * n / total) * (100 * n / total)), 1) as hhi,
  case when sum((100 * n / total) * (100 * n / total)) > 2500 then '高度集中（HHI>2500）'
    when sum((100 * n / total) * (100 * n / total)) >= 1500 then '中度集中（HHI 1500–2500）'
    when sum(if(rn <= 4, n, 0)) / max(total) >= 0.4 then '寡占型（HHI<1500，但 CR4≥40%）'
    else '竞争型（HHI<1500，CR4<40%）' end as reading
from r group by scope

-- command: manufacturers positioning --low 0.1 --high 0.3
-- spark
with m as (
  select manufacturer, count(*) as products, avg(self_pay_ratio) as mean_self_pay,
    sum(if(self_pay_ratio <= 0.1, 1, 0)) as low_burden, sum(if(self_pay_ratio >= 0.3, 1, 0)) as high_burden
  from products group by manufacturer order by products desc, manufacturer limit 20),
k as (select avg(self_pay_ratio) as market from products)
select manufacturer, products, mean_self_pay, low_burden, high_burden, low_burden / products as low_share,
  high_burden / products as high_share,
  case when mean_self_pay <= market * 0.8 then '低负担型' when mean_self_pay >= market * 1.2 then '高负担型'
    else '均衡型' end as `position`
from m cross join k
order by products desc, manufacturer
-- duckdb
with m as (
  select manufacturer, count(*) as products, avg(self_pay_ratio) as mean_self_pay,
    sum(if(self_pay_ratio <= 0.1, 1, 0)) as low_burden, sum(if(self_pay_ratio >= 0.3, 1, 0)) as high_burden
  from products group by manufacturer order by products desc, manufacturer limit 20),
k as (select avg(self_pay_ratio) as market from products)
select manufacturer, products, mean_self_pay, low_burden, high_burden, low_burden / products as low_share,
  high_burden / products as high_share,
  case when mean_self_pay <= market * 0.8 then '低负担型' when mean_self_pay >= market * 1.2 then '高负担型'
    else '均衡型' end as "position"
from m cross join k
order by products desc, manufacturer

-- command: manufacturers restrictions --top 20
-- spark
with m as (
  select manufacturer, count(*) as products, sum(if(restricted, 1, 0)) as restricted_products,
    size(collect_set(if(restricted, name, null))) as restricted_generics
  from products group by manufacturer order by products desc, manufacturer limit 20),
k as (select sum(if(restricted, 1, 0)) / count(*) as market from products)
select manufacturer, products, restricted_products, restricted_products / products as restricted_share,
  restricted_generics, round(restricted_products / products / market, 2) as vs_market
from m cross join k
order by products desc, manufacturer
-- duckdb
with m as (
  select manufacturer, count(*) as products, sum(if(restricted, 1, 0)) as restricted_products,
    count(distinct if(restricted, name, null)) as restricted_generics
  from products group by manufacturer order by products desc, manufacturer limit 20),
k as (select sum(if(restricted, 1, 0)) / count(*) as market from products)
select manufacturer, products, restricted_products, restricted_products / products as restricted_share,
  restricted_generics, round(restricted_products / products / market, 2) as vs_market
from m cross join k
order by products desc, manufacturer

-- command: manufacturers matrix --top 15
-- both
select manufacturer, sum(if(level = '甲', 1, 0)) as level_jia, sum(if(level = '乙', 1, 0)) as level_yi,
  sum(if(level = '丙', 1, 0)) as level_bing, count(*) as products
from products group by manufacturer
order by products desc, manufacturer
limit 15

-- command: manufacturers exclusive --by level
-- spark
with v as (
  select name, dosage_form, count(distinct manufacturer) as makers,
    concat_ws('/', array_sort(collect_set(level))) as lv
  from products where dosage_form is not null group by name, dosage_form)
select if(lv = '', '未知', lv) as level, count(*) as generic_forms, sum(if(makers = 1, 1, 0)) as exclusive_varieties,
  sum(if(makers = 1, 1, 0)) / count(*) as exclusive_share
from v group by if(lv = '', '未知', lv)
order by exclusive_varieties desc, level
limit 50
-- duckdb
with v as (
  select name, dosage_form, count(distinct manufacturer) as makers,
    array_to_string(list_sort(list_distinct(list(level))), '/') as lv
  from products where dosage_form is not null group by name, dosage_form)
select if(lv = '', '未知', lv) as level, count(*) as generic_forms, sum(if(makers = 1, 1, 0)) as exclusive_varieties,
  sum(if(makers = 1, 1, 0)) / count(*) as exclusive_share
from v group by if(lv = '', '未知', lv)
order by exclusive_varieties desc, level
limit 50

-- command: restrictions summary --by level
-- spark
select if(grouping(level) = 1, '合计', coalesce(level, '（未注明）')) as `group`, count(*) as entries,
  sum(if(restricted, 1, 0)) as restricted, sum(if(restricted, 1, 0)) / count(*) as restricted_share,
  grouping(level) as g
from catalog group by grouping sets ((level), ())
order by g, entries desc, `group`
-- duckdb
select if(grouping(level) = 1, '合计', coalesce(level, '（未注明）')) as "group", count(*) as entries,
  sum(if(restricted, 1, 0)) as restricted, sum(if(restricted, 1, 0)) / count(*) as restricted_share,
  grouping(level) as g
from catalog group by grouping sets ((level), ())
order by g, entries desc, "group"

-- command: restrictions types
-- n/a: the restriction types come from RestrictionClassifier's patterns over each 备注 text, in Java; SQL only lists the distinct remarks

-- command: restrictions keywords --top 30
-- n/a: word counts over HanLP's segmentation of the remarks, in Java; SQL has no Chinese word segmenter

-- command: restrictions clusters --k 6
-- n/a: TF-IDF vectors and KMeans (Smile) over the segmented remarks, in Java

-- command: restrictions evaluate
-- n/a: the classifier checked against the NHSA rule library files, in Java; no table holds the library

-- command: tcm share
-- spark
with cv as (
  select medicine_type, variety_id, count(*) as n, max(if(ethnic, 1, 0)) as eth
  from catalog group by medicine_type, variety_id),
eth as (select distinct variety_id from cv where eth = 1),
u as (
  select case when medicine_type = '西药' then '西药' when eth = 1 then '民族药' else '中成药（不含民族药）' end as grp,
    n as entries, 1 as varieties, 0 as products from cv
  union all select '中药饮片', 1, 1, 0 from yinpian
  union all
  select case when p.drug_type = '中药配方颗粒' then '中药配方颗粒' when p.drug_type = '西药' then '西药'
      when e.variety_id is not null then '民族药' else '中成药（不含民族药）' end, 0, 0, 1
  from products p left join eth e on p.variety_id = e.variety_id
  where p.drug_type in ('中药配方颗粒', '西药', '中成药')
  union all
  select '中药配方颗粒', 0, size(collect_set(name)), 0 from products where drug_type = '中药配方颗粒' group by variety_id),
a as (select grp, sum(entries) as entries, sum(varieties) as varieties, sum(products) as products from u group by grp),
s as (
  select k.ord, k.grp, coalesce(a.entries, 0) as entries, coalesce(a.varieties, 0) as varieties,
    coalesce(a.products, 0) as products
  from values (0, '西药'), (1, '中成药（不含民族药）'), (2, '民族药'), (3, '中药饮片'), (4, '中药配方颗粒') as k(ord, grp)
  left join a on a.grp = k.grp)
select `group`, entries, entry_share, varieties, variety_share, products, product_share from (
  select ord, grp as `group`, entries, entries / sum(entries) over () as entry_share, varieties,
    varieties / sum(varieties) over () as variety_share, products, products / sum(products) over () as product_share
  from s
  union all
  select 5, '合计', sum(entries), 1, sum(varieties), 1, sum(products), 1 from s) x
order by ord
-- duckdb
with cv as (
  select medicine_type, variety_id, count(*) as n, max(if(ethnic, 1, 0)) as eth
  from catalog group by medicine_type, variety_id),
eth as (select distinct variety_id from cv where eth = 1),
u as (
  select case when medicine_type = '西药' then '西药' when eth = 1 then '民族药' else '中成药（不含民族药）' end as grp,
    n as entries, 1 as varieties, 0 as products from cv
  union all select '中药饮片', 1, 1, 0 from yinpian
  union all
  select case when p.drug_type = '中药配方颗粒' then '中药配方颗粒' when p.drug_type = '西药' then '西药'
      when e.variety_id is not null then '民族药' else '中成药（不含民族药）' end, 0, 0, 1
  from products p left join eth e on p.variety_id = e.variety_id
  where p.drug_type in ('中药配方颗粒', '西药', '中成药')
  union all
  select '中药配方颗粒', 0, count(distinct name), 0 from products where drug_type = '中药配方颗粒' group by variety_id),
a as (select grp, sum(entries) as entries, sum(varieties) as varieties, sum(products) as products from u group by grp),
s as (
  select k.ord, k.grp, coalesce(a.entries, 0) as entries, coalesce(a.varieties, 0) as varieties,
    coalesce(a.products, 0) as products
  from (values (0, '西药'), (1, '中成药（不含民族药）'), (2, '民族药'), (3, '中药饮片'), (4, '中药配方颗粒')) k(ord, grp)
  left join a on a.grp = k.grp)
select "group", entries, entry_share, varieties, variety_share, products, product_share from (
  select ord, grp as "group", entries, entries / sum(entries) over () as entry_share, varieties,
    varieties / sum(varieties) over () as variety_share, products, products / sum(products) over () as product_share
  from s
  union all
  select 5, '合计', sum(entries), 1, sum(varieties), 1, sum(products), 1 from s) x
order by ord

-- command: tcm categories --depth 2
-- both
with v as (
  select cat2_code, cat2_name, variety_id, count(*) as entries, max(if(level = '甲', 1, 0)) as jia
  from catalog where medicine_type = '中成药' and cat2_code is not null
  group by cat2_code, cat2_name, variety_id),
p as (select variety_id, count(*) as n from products where variety_id is not null group by variety_id)
select '中成药' as medicine_type, v.cat2_code as category_code, min(v.cat2_name) as category_name,
  sum(v.entries) as entries, count(*) as varieties, sum(v.jia) as jia_varieties, coalesce(sum(p.n), 0) as products
from v left join p on v.variety_id = p.variety_id
group by v.cat2_code
order by category_code

-- command: tcm yinpian
-- spark
with g as (select distinct name from products where drug_type = '中药配方颗粒'),
s as (
  select sum(if(y.not_paid_alone, 1, 0)) as marked, sum(if(y.not_paid_alone, 0, 1)) as unmarked,
    sum(if(y.not_paid_alone and g.name is not null, 1, 0)) as mg,
    sum(if(not y.not_paid_alone and g.name is not null, 1, 0)) as ug, count(*) as total
  from yinpian y left join g on g.name = concat(y.name, '配方颗粒'))
select `group`, pieces, pieces / total as share, with_granules
from s lateral view stack(3, 0, '单独使用不予支付（□）', marked, mg, 1, '可单独支付', unmarked, ug,
  2, '合计', total, mg + ug) x as k, `group`, pieces, with_granules
order by k
-- duckdb
with g as (select distinct name from products where drug_type = '中药配方颗粒'),
s as (
  select sum(if(y.not_paid_alone, 1, 0)) as marked, sum(if(y.not_paid_alone, 0, 1)) as unmarked,
    sum(if(y.not_paid_alone and g.name is not null, 1, 0)) as mg,
    sum(if(not y.not_paid_alone and g.name is not null, 1, 0)) as ug, count(*) as total
  from yinpian y left join g on g.name = concat(y.name, '配方颗粒'))
select "group", pieces, pieces / total as share, with_granules from (
  select 0 as k, '单独使用不予支付（□）' as "group", marked as pieces, mg as with_granules, total from s
  union all select 1, '可单独支付', unmarked, ug, total from s
  union all select 2, '合计', total, mg + ug, total from s) x
order by k

-- command: tcm granules --top 10
-- spark
select manufacturer, products, products / sum(products) over () as product_share, pieces, level_yi,
  mean_self_pay, restricted_products
from (select manufacturer, count(*) as products, size(collect_set(name)) as pieces,
        sum(if(level = '乙', 1, 0)) as level_yi, avg(self_pay_ratio) as mean_self_pay,
        sum(if(restricted, 1, 0)) as restricted_products
      from products where drug_type = '中药配方颗粒' group by manufacturer) m
order by products desc, manufacturer
limit 10
-- duckdb
select manufacturer, products, products / sum(products) over () as product_share, pieces, level_yi,
  mean_self_pay, restricted_products
from (select manufacturer, count(*) as products, count(distinct name) as pieces,
        sum(if(level = '乙', 1, 0)) as level_yi, avg(self_pay_ratio) as mean_self_pay,
        sum(if(restricted, 1, 0)) as restricted_products
      from products where drug_type = '中药配方颗粒' group by manufacturer) m
order by products desc, manufacturer
limit 10

-- command: mining rules --min-support 0.02 --min-confidence 0.6
-- n/a: FP-growth and association rules run in Smile (Java) on the distinct transactions Spark counts

-- command: mining clusters --k auto
-- n/a: KMeans with the silhouette choice of k runs in Smile (Java) on the distinct feature vectors Spark counts

-- command: editions
-- skip: lists the loaded catalog editions (one Dataset per edition; the catalog view holds only the current one)

-- command: diff 2024 2025
-- n/a: matches varieties of two editions one to one by name in Java (exact, then normalised, then renames by their evidence) and classifies each change

-- command: history 司美格鲁肽
-- n/a: follows a drug through the editions by the comparison's pairs (renames included), matched in Java

-- command: negotiated renewals
-- n/a: pairs the negotiated varieties of two editions as the comparison does (in Java), then compares their payment standards

-- command: commercial
-- skip: lists the bundled commercial innovative list (19 rows, no Spark job but the category names)

-- command: negotiated --expiring 2026
-- both
select section, number, name, category_name, payment_standard, payment_amount, payment_unit, valid_from,
  valid_to, remark
from catalog where part <> '常规目录' and year(valid_to) = 2026
order by valid_to, section, number
limit 1000

-- command: lookup 阿莫西林 --level 甲
-- note: the peers compute the products (the second table); the first, the catalog's, 饮片 and 商保 entries ranked by how their names match and each compared with the previous edition, is Java over the collected matches; with more matches than --limit (200), the command also counts every match, a second Spark job, to show the total
-- table: 1
-- both
select product_code, name, drug_type, level, dosage_form, specification, manufacturer, self_pay_ratio,
  if(fixed_payment, '是', '否') as fixed_payment, restriction
from products where name like '%阿莫西林%' and level = '甲'
order by name, manufacturer, product_code
limit 200
