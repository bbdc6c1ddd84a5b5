#!/usr/bin/env bash
# The walkthrough of docs/api-guide.md as one script: every request the guide shows, against a running suite
# started in the dev profile (deploy/local/run). Each step checks the HTTP status it expects and stops with a
# non-zero exit on anything else. It makes its own data (codes DOCS-<run>), so it can run again and again.
#
#   docs/api-guide-examples.sh                       # against http://127.0.0.1:8080
#   GATEWAY_URL=http://host:8080 docs/api-guide-examples.sh
#
# Needs bash, curl and jq.
set -euo pipefail

GATEWAY_URL="${GATEWAY_URL:-http://127.0.0.1:8080}"
RUN="$(date +%s)-$RANDOM"                          # makes this run's codes and subjects unique
TODAY="$(TZ=Asia/Shanghai date +%F)"               # the suite counts days in Asia/Shanghai
MONTH="$(TZ=Asia/Shanghai date +%Y-%m)"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
BODY="$WORK/body"
HDRS="$WORK/headers"

# api METHOD PATH EXPECTED_STATUS [curl options...]
# Sends the request through the gateway; the answer's body is in $BODY, its headers in $HDRS.
api() {
  local method="$1" path="$2" expected="$3"
  shift 3
  local status
  status="$(curl -sS -X "$method" "$GATEWAY_URL$path" -D "$HDRS" -o "$BODY" -w '%{http_code}' "$@")"
  if [[ "$status" != "$expected" ]]; then
    echo "FAIL: $method $path answered $status, expected $expected" >&2
    cat "$BODY" >&2
    echo >&2
    exit 1
  fi
  local etag
  etag="$(header ETag)"
  echo "ok   $status $method $path${etag:+  (ETag $etag)}"
}
json() { jq -r "$1" "$BODY"; }                                    # a field of the last answer
header() { tr -d '\r' <"$HDRS" | awk -v h="$(echo "$1" | tr 'A-Z' 'a-z')" \
  'BEGIN{FS=": "} tolower($1)==h {sub(/^[^:]*: /,""); print; exit}'; }  # a header of the last answer
# wait_for PATH STATUS JQ_TEST TOKEN: polls a read model fed by Kafka until it answers STATUS and JQ_TEST holds
wait_for() {
  local path="$1" expected="$2" test="$3" token="$4" status i
  for i in $(seq 1 60); do
    status="$(curl -sS "$GATEWAY_URL$path" -H "Authorization: Bearer $token" -o "$BODY" -w '%{http_code}')"
    if [[ "$status" == "$expected" ]] && jq -e "$test" "$BODY" >/dev/null 2>&1; then
      echo "ok   $status GET $path (after ${i} tries)"
      return 0
    fi
    sleep 0.5
  done
  echo "FAIL: GET $path did not answer $expected with $test within 30 s (last: $status)" >&2
  cat "$BODY" >&2
  exit 1
}
JSON=(-H 'Content-Type: application/json')

echo "== 1. tokens (dev profile: POST /auth/dev-token)"
token() {  # token SUBJECT ROLE GRID_SCOPE|null
  local scope='null'
  [[ "$3" != null ]] && scope="\"$3\""
  api POST /auth/dev-token 200 "${JSON[@]}" \
    -d "{\"subject\":\"$1\",\"roles\":[\"$2\"],\"gridScope\":$scope}" >/dev/null
  json .token
}
ADMIN=$(token "docs-admin-$RUN" district-admin null)
echo "ok   admin token (district-admin, unbound)"

echo "== 2. the grid hierarchy: district -> street -> community -> grid"
api POST /api/v1/grids 201 -H "Authorization: Bearer $ADMIN" "${JSON[@]}" \
  -d "{\"name\":\"文档示例区\",\"level\":\"DISTRICT\",\"code\":\"DOCS-$RUN\"}"
DISTRICT=$(json .id)
api POST /api/v1/grids 201 -H "Authorization: Bearer $ADMIN" "${JSON[@]}" \
  -d "{\"name\":\"龙华街道\",\"level\":\"STREET\",\"code\":\"DOCS-LH\",\"parentId\":\"$DISTRICT\"}"
STREET=$(json .id)
api POST /api/v1/grids 201 -H "Authorization: Bearer $ADMIN" "${JSON[@]}" \
  -d "{\"name\":\"清河社区\",\"level\":\"COMMUNITY\",\"code\":\"DOCS-QH\",\"parentId\":\"$STREET\",\"households\":1800}"
COMMUNITY=$(json .id)
api POST /api/v1/grids 201 -H "Authorization: Bearer $ADMIN" "${JSON[@]}" \
  -d "{\"name\":\"清河社区第一网格\",\"level\":\"GRID\",\"code\":\"DOCS-QH-01\",\"parentId\":\"$COMMUNITY\",\"households\":320,\"residents\":950}"
GRID=$(json .id)
api GET "/api/v1/grids/$GRID" 200 -H "Authorization: Bearer $ADMIN"
GRID_ETAG=$(header ETag)
echo "     district $DISTRICT, grid $GRID (ETag $GRID_ETAG)"

echo "== 3. ETag / If-Match on an update"
api PATCH "/api/v1/grids/$GRID" 428 -H "Authorization: Bearer $ADMIN" "${JSON[@]}" -d '{"households":330}'
api PATCH "/api/v1/grids/$GRID" 200 -H "Authorization: Bearer $ADMIN" "${JSON[@]}" \
  -H "If-Match: $GRID_ETAG" -d '{"households":330}'
echo "     new ETag $(header ETag)"
api PATCH "/api/v1/grids/$GRID" 412 -H "Authorization: Bearer $ADMIN" "${JSON[@]}" \
  -H "If-Match: $GRID_ETAG" -d '{"households":340}'
[[ "$(json .type)" == "https://grid-suite.cn/problems/precondition-failed" ]]

echo "== 4. paging: children of the community ... a second grid, then two pages of one"
api POST /api/v1/grids 201 -H "Authorization: Bearer $ADMIN" "${JSON[@]}" \
  -d "{\"name\":\"清河社区第二网格\",\"level\":\"GRID\",\"code\":\"DOCS-QH-02\",\"parentId\":\"$COMMUNITY\"}"
api GET "/api/v1/grids/$COMMUNITY/children?limit=1" 200 -H "Authorization: Bearer $ADMIN"
CURSOR=$(json .nextCursor)
[[ "$(json '.items | length')" == 1 && "$CURSOR" != null ]]
api GET "/api/v1/grids/$COMMUNITY/children?limit=1&cursor=$CURSOR" 200 -H "Authorization: Bearer $ADMIN"
[[ "$(json '.items | length')" == 1 && "$(json .nextCursor)" == null ]]

echo "== 5. errors are application/problem+json"
api POST /api/v1/grids 400 -H "Authorization: Bearer $ADMIN" "${JSON[@]}" -d '{"level":"GRID","code":"bad code!"}'
[[ "$(header Content-Type)" == application/problem+json* ]]
json '.type, (.errors[] | "  \(.field): \(.message)")'
api GET /api/v1/grids/00000000-0000-0000-0000-000000000000 404 -H "Authorization: Bearer $ADMIN"
api GET "/api/v1/grids/$GRID" 401
api GET "/api/v1/grids/$COMMUNITY/children?cursor=not-a-cursor" 400 -H "Authorization: Bearer $ADMIN"
[[ "$(json .type)" == "https://grid-suite.cn/problems/invalid-cursor" ]]

echo "== 6. a party member: person, assignment (居住地报到), party organisations"
MEMBER_SUBJECT="docs-member-$RUN"
api POST /api/v1/people 201 -H "Authorization: Bearer $ADMIN" "${JSON[@]}" \
  -d "{\"name\":\"张建华\",\"phone\":\"13800001234\",\"homeNodeId\":\"$GRID\",\"subject\":\"$MEMBER_SUBJECT\"}"
PERSON=$(json .id)
api POST "/api/v1/grids/$GRID/assignments" 201 -H "Authorization: Bearer $ADMIN" "${JSON[@]}" \
  -d "{\"personId\":\"$PERSON\",\"role\":\"PARTY_MEMBER\",\"startDate\":\"$TODAY\"}"
api POST /api/v1/party-orgs 201 -H "Authorization: Bearer $ADMIN" "${JSON[@]}" \
  -d "{\"name\":\"清河社区党委\",\"kind\":\"PARTY_COMMITTEE\",\"gridNodeId\":\"$COMMUNITY\"}"
COMMITTEE=$(json .id)
api POST /api/v1/party-orgs 201 -H "Authorization: Bearer $ADMIN" "${JSON[@]}" \
  -d "{\"name\":\"清河社区第一网格党支部\",\"kind\":\"BRANCH\",\"branchType\":\"GRID\",\"parentId\":\"$COMMITTEE\",\"gridNodeId\":\"$GRID\"}"
BRANCH=$(json .id)
api POST "/api/v1/party-orgs/$BRANCH/members" 201 -H "Authorization: Bearer $ADMIN" "${JSON[@]}" \
  -d "{\"personId\":\"$PERSON\",\"startDate\":\"$TODAY\"}"

echo "== 7. the other callers: the registry makes the worker a 网格员 of the community; tokens say who, not what"
api POST /api/v1/people 201 -H "Authorization: Bearer $ADMIN" "${JSON[@]}" \
  -d "{\"name\":\"李网格员\",\"homeNodeId\":\"$COMMUNITY\",\"subject\":\"docs-worker-$RUN\"}"
WORKER_PERSON=$(json .id)
api POST "/api/v1/grids/$COMMUNITY/assignments" 201 -H "Authorization: Bearer $ADMIN" "${JSON[@]}" \
  -d "{\"personId\":\"$WORKER_PERSON\",\"role\":\"GRID_WORKER\"}"
WORKER=$(token "docs-worker-$RUN" staff null)
MEMBER=$(token "$MEMBER_SUBJECT" citizen null)
CITIZEN=$(token "docs-citizen-$RUN" citizen null)
echo "ok   staff (a grid worker by the registry), citizen (a party member by the registry), citizen"

echo "== 8. request-service learns the grid from grid.events (eventually consistent)"
wait_for "/api/v1/requests/grid-nodes/$GRID" 200 '.id != null' "$ADMIN"

echo "== 9. a citizen submits a ticket (点单) with an Idempotency-Key"
KEY="docs-$RUN-1"
TICKET_BODY="{\"type\":\"PROBLEM_REPORT\",\"title\":\"大为小区 3 栋水管爆裂\",\"description\":\"楼道里的水管破裂，水漫到了一楼\",\"gridNodeId\":\"$GRID\",\"location\":{\"lat\":25.6665,\"lon\":103.8229,\"address\":\"清河社区大为小区 3 栋\"},\"contact\":{\"name\":\"李秀英\",\"phone\":\"13800005678\"}}"
api POST /api/v1/requests 201 -H "Authorization: Bearer $CITIZEN" "${JSON[@]}" \
  -H "Idempotency-Key: $KEY" -d "$TICKET_BODY"
TICKET=$(json .id)
ETAG=$(header ETag)
echo "     ticket $TICKET, status $(json .status), ETag $ETAG"
api POST /api/v1/requests 201 -H "Authorization: Bearer $CITIZEN" "${JSON[@]}" \
  -H "Idempotency-Key: $KEY" -d "$TICKET_BODY"
[[ "$(json .id)" == "$TICKET" && "$(header Idempotency-Replayed)" == true ]]
echo "     replay: same ticket, Idempotency-Replayed: true"
api POST /api/v1/requests 422 -H "Authorization: Bearer $CITIZEN" "${JSON[@]}" \
  -H "Idempotency-Key: $KEY" -d "{\"type\":\"PROBLEM_REPORT\",\"title\":\"another\",\"gridNodeId\":\"$GRID\"}"
[[ "$(json .type)" == "https://grid-suite.cn/problems/idempotency-key-reused" ]]

echo "== 10. the lifecycle: 受理 accept -> 派单 dispatch -> 签收 sign -> start -> 办结 resolve -> 评价 rate"
api POST "/api/v1/requests/$TICKET/accept" 428 -H "Authorization: Bearer $WORKER"
api POST "/api/v1/requests/$TICKET/accept" 200 -H "Authorization: Bearer $WORKER" -H "If-Match: $ETAG"
ETAG=$(header ETag)
api POST "/api/v1/requests/$TICKET/dispatch" 200 -H "Authorization: Bearer $WORKER" -H "If-Match: $ETAG" \
  "${JSON[@]}" -d "{\"targetType\":\"PERSON\",\"targetId\":\"$MEMBER_SUBJECT\",\"targetName\":\"张建华\"}"
ETAG=$(header ETag)
api POST "/api/v1/requests/$TICKET/sign" 200 -H "Authorization: Bearer $MEMBER" -H "If-Match: $ETAG"
ETAG=$(header ETag)
api POST "/api/v1/requests/$TICKET/start" 200 -H "Authorization: Bearer $MEMBER" -H "If-Match: $ETAG"
ETAG=$(header ETag)
api POST "/api/v1/requests/$TICKET/resolve" 200 -H "Authorization: Bearer $MEMBER" -H "If-Match: $ETAG" \
  "${JSON[@]}" -d '{"outcome":"FIXED","notes":"已更换破裂水管"}'
ETAG=$(header ETag)
api POST "/api/v1/requests/$TICKET/rate" 412 -H "Authorization: Bearer $CITIZEN" -H 'If-Match: "0"' \
  "${JSON[@]}" -d '{"rating":5}'
api POST "/api/v1/requests/$TICKET/rate" 200 -H "Authorization: Bearer $CITIZEN" -H "If-Match: $ETAG" \
  "${JSON[@]}" -d '{"rating":5,"comment":"很及时，谢谢"}'
echo "     status $(json .status)"
api GET "/api/v1/requests/$TICKET/timeline" 200 -H "Authorization: Bearer $CITIZEN"
json '.items[] | "     \(.action) \(.fromStatus // "-") -> \(.toStatus) by \(.actor)"'
api GET "/api/v1/requests?gridNodeId=$GRID&limit=20" 200 -H "Authorization: Bearer $WORKER"
echo "     contact in lists: $(json '.items[0].contact.name') $(json '.items[0].contact.phone')"

echo "== 11. statistics, practice and points (request.rated -> study-service), compliance, dashboard"
api GET "/api/v1/requests/stats?gridNodeId=$DISTRICT&from=$TODAY&to=$TODAY" 200 -H "Authorization: Bearer $ADMIN"
echo "     $(json .headline)"
wait_for "/api/v1/study/members/$PERSON/practice" 200 'length >= 1' "$ADMIN"
api GET "/api/v1/study/members/$PERSON/points" 200 -H "Authorization: Bearer $MEMBER"
echo "     points balance $(json .balance)"
api GET "/api/v1/study/compliance/grid-nodes/$COMMUNITY?month=$MONTH" 200 -H "Authorization: Bearer $ADMIN"
api GET "/api/v1/dashboard/grids/$GRID?month=$MONTH" 200 -H "Authorization: Bearer $ADMIN"
echo "     dashboard partial=$(json .partial) missing=$(json '.missing | length')"

echo "== all examples answered as documented"
