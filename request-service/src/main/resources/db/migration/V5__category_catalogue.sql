-- The category catalogue (分类目录): each category's ticket type, the level that answers for it by default,
-- its time limits per stage (minutes), whether overdue tickets escalate on their own, and the extra fields it
-- asks for (JSON array of {code, name, datatype, required, values: [{key, name}], order}). The code is also
-- the Open311 service_code. Rows are edited through PUT /api/v1/request-categories/{code}.
create table request_category (
    code                    text        primary key check (code ~ '^[a-z0-9][a-z0-9-]{1,62}$'),
    name                    text        not null,
    description             text,
    request_type            text        not null check (request_type in ('PROBLEM_REPORT', 'SERVICE', 'MICRO_WISH', 'DISPUTE', 'CONSULTATION')),
    handling_level          text        not null check (handling_level in ('GRID', 'COMMUNITY', 'STREET', 'DISTRICT')),
    respond_within_minutes  integer     not null check (respond_within_minutes > 0),
    sign_within_minutes     integer     not null check (sign_within_minutes > 0),
    resolve_within_minutes  integer     not null check (resolve_within_minutes > 0),
    auto_escalate           boolean     not null default true,
    fields                  jsonb       not null default '[]',
    category_group          text,
    active                  boolean     not null default true,
    version                 bigint      not null default 0,
    updated_at              timestamptz not null default now()
);

-- The default catalogue, from the tickets the seed documents describe (供水、污水沟渠、疫苗预约、轮椅微心愿、邻里纠纷 ...).
-- A type's general category (<type>-other) is handled where the ticket was routed (GRID); the dispatcher moves it.
-- Limits in minutes: 120 = 2 h, 1440 = 1 day, 4320 = 3 days, 10080 = 7 days.
insert into request_category (code, name, description, request_type, handling_level, respond_within_minutes,
                              sign_within_minutes, resolve_within_minutes, auto_escalate, fields, category_group) values
('water-pipe', '供水管道破裂', '水管爆裂、漏水、停水', 'PROBLEM_REPORT', 'GRID', 60, 120, 1440, true,
 '[{"code":"building","name":"楼栋/位置","datatype":"STRING","required":false,"values":[],"order":1},
   {"code":"water_cut","name":"是否停水","datatype":"SINGLE_VALUE_LIST","required":true,"values":[{"key":"yes","name":"已停水"},{"key":"no","name":"未停水"}],"order":2}]',
 '市政设施'),
('sewage-ditch', '污水沟渠', '污水横流、沟渠堵塞', 'PROBLEM_REPORT', 'GRID', 120, 240, 4320, true, '[]', '环境卫生'),
('sanitation', '环境卫生', '垃圾堆放、卫生死角', 'PROBLEM_REPORT', 'GRID', 120, 240, 1440, true, '[]', '环境卫生'),
('road-damage', '道路破损', '路面坑洼、井盖缺失', 'PROBLEM_REPORT', 'COMMUNITY', 120, 480, 4320, true,
 '[{"code":"hazard","name":"是否有安全隐患","datatype":"SINGLE_VALUE_LIST","required":true,"values":[{"key":"yes","name":"有"},{"key":"no","name":"无"}],"order":1}]',
 '市政设施'),
('street-light', '路灯故障', '路灯不亮、损坏', 'PROBLEM_REPORT', 'COMMUNITY', 240, 480, 4320, true, '[]', '市政设施'),
('problem-report-other', '其他问题', '随手拍：其他公共问题', 'PROBLEM_REPORT', 'GRID', 240, 480, 4320, true, '[]', '随手拍'),
('vaccination-booking', '疫苗接种预约', '为老人、儿童预约疫苗接种', 'SERVICE', 'COMMUNITY', 60, 240, 4320, false,
 '[{"code":"vaccine","name":"疫苗","datatype":"SINGLE_VALUE_LIST","required":true,"values":[{"key":"influenza","name":"流感疫苗"},{"key":"pneumococcal","name":"肺炎疫苗"},{"key":"covid19","name":"新冠疫苗"},{"key":"other","name":"其他"}],"order":1},
   {"code":"preferred_time","name":"期望时间","datatype":"DATETIME","required":false,"values":[],"order":2},
   {"code":"people","name":"人数","datatype":"NUMBER","required":false,"values":[],"order":3}]',
 '办事预约'),
('certificate', '证明开具', '居住证明、困难证明等', 'SERVICE', 'COMMUNITY', 120, 480, 4320, false, '[]', '办事预约'),
('elderly-care', '居家养老服务', '助餐、助洁、代办', 'SERVICE', 'GRID', 120, 480, 4320, false, '[]', '办事预约'),
('service-other', '其他办事', '其他办事与预约', 'SERVICE', 'GRID', 240, 480, 7200, false, '[]', '办事预约'),
('wheelchair', '轮椅微心愿', '为行动不便的老人、残疾人圆一个轮椅心愿', 'MICRO_WISH', 'GRID', 1440, 4320, 20160, false,
 '[{"code":"beneficiary_age","name":"受助人年龄","datatype":"NUMBER","required":false,"values":[],"order":1}]',
 '微心愿'),
('tutoring', '课业辅导', '留守儿童课业辅导', 'MICRO_WISH', 'GRID', 1440, 4320, 20160, false, '[]', '微心愿'),
('micro-wish-other', '其他微心愿', '其他微心愿', 'MICRO_WISH', 'GRID', 1440, 4320, 20160, false, '[]', '微心愿'),
('neighbour-dispute', '邻里纠纷', '噪音、漏水、占道等邻里矛盾（评理说事）', 'DISPUTE', 'GRID', 120, 480, 10080, true, '[]', '矛盾纠纷'),
('property-dispute', '物业纠纷', '物业服务与收费纠纷', 'DISPUTE', 'COMMUNITY', 240, 1440, 10080, true, '[]', '矛盾纠纷'),
('dispute-other', '其他纠纷', '其他矛盾纠纷', 'DISPUTE', 'GRID', 240, 1440, 10080, true, '[]', '矛盾纠纷'),
('policy', '政策咨询', '社保、医保、低保等政策咨询', 'CONSULTATION', 'COMMUNITY', 240, 480, 1440, false, '[]', '咨询'),
('consultation-other', '其他咨询', '其他咨询', 'CONSULTATION', 'GRID', 240, 480, 2880, false, '[]', '咨询');

-- What a ticket carries beyond the first version: its category and that category's extra fields (JSON
-- object), photo URLs (JSON array), and a contact — the citizen's own, or the citizen's on whose behalf a
-- grid worker filed it (代为上报). Contacts are masked in every list.
alter table service_request
    add column category_code  text references request_category (code),
    add column attributes     text,
    add column photos         text,
    add column contact_name   text,
    add column contact_phone  text,
    add column on_behalf      boolean not null default false;

update service_request set category_code = replace(lower(type), '_', '-') || '-other' where category_code is null;
alter table service_request alter column category_code set not null;
create index service_request_category_idx on service_request (category_code);
