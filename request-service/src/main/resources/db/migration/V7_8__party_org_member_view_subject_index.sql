-- Rights from the registry (issue 18): a caller's organisation roles are read from party_org_member_view by login
-- subject on every cache miss (platform ReadModelRightsSource). study-service has had this index since its V21.
create index if not exists party_org_member_view_subject_idx on party_org_member_view (subject) where subject is not null;
