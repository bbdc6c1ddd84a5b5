// Drives study-service's xAPI Statement Resource with two real xAPI client libraries, as an e-learning player
// would: @xapi/xapi (xAPI 1.0.3) and tincanjs (Rustici's TinCanJS, which speaks 1.0.2 at most).
//
//   node xapi-check.mjs <baseUrl> <bearerToken>      e.g. node xapi-check.mjs http://127.0.0.1:8082 eyJ...
//   node xapi-check.mjs <baseUrl> --basic <key> <secret>   LRS client credentials over HTTP Basic
//
// With each client: send one statement, send a batch, read one back by id, query by agent and verb a page at a
// time following "more", void one and check it is gone from queries (and readable by voidedStatementId).
// Exits 0 when every check passed, 1 with the failed check's message otherwise.
import XAPI from "@xapi/xapi";
import { createRequire } from "node:module";
import { randomUUID } from "node:crypto";

const require = createRequire(import.meta.url);
const TinCan = require("tincanjs");

const [baseUrl, token, key, secret] = process.argv.slice(2);
const basic = token === "--basic";
if (!baseUrl || !token || (basic && (!key || !secret))) {
  console.error("usage: node xapi-check.mjs <baseUrl> <bearerToken> | node xapi-check.mjs <baseUrl> --basic <key> <secret>");
  process.exit(2);
}
const endpoint = baseUrl.replace(/\/+$/, "") + "/xapi/";
// both libraries send auth as the whole Authorization header value
const auth = basic ? "Basic " + Buffer.from(`${key}:${secret}`).toString("base64") : "Bearer " + token;
const COMPLETED = "http://adlnet.gov/expapi/verbs/completed";

function check(condition, message) {
  if (!condition) {
    throw new Error(message);
  }
}

function sameSet(actual, expected, message) {
  const a = [...actual].sort();
  const e = [...expected].sort();
  check(JSON.stringify(a) === JSON.stringify(e), `${message}: expected ${JSON.stringify(e)}, got ${JSON.stringify(a)}`);
}

function statement(mbox, lecture) {
  return {
    actor: { objectType: "Agent", name: "李明", mbox },
    verb: { id: COMPLETED, display: { "zh-CN": "完成", "en-US": "completed" } },
    object: {
      objectType: "Activity",
      id: `https://study.grid.example/lectures/${lecture}`,
      definition: { name: { "zh-CN": `微党课 ${lecture}` } },
    },
    result: { completion: true, duration: "PT45M" },
  };
}

// ---- @xapi/xapi 3.0.3 ------------------------------------------------------------------------------------------

async function withXapiJs() {
  const xapi = new XAPI({ endpoint, auth, version: "1.0.3" });
  const mbox = `mailto:xapijs-${randomUUID()}@grid.example`;
  const failed = (what) => (e) => {
    const status = e.response ? `${e.response.status} ${JSON.stringify(e.response.data)}` : e.message;
    throw new Error(`${what}: ${status}`);
  };

  const one = (await xapi.sendStatement({ statement: statement(mbox, "one") }).catch(failed("sendStatement"))).data;
  check(Array.isArray(one) && one.length === 1, `sendStatement answered ${JSON.stringify(one)}`);
  const batch = (await xapi.sendStatements({
    statements: [statement(mbox, "b1"), statement(mbox, "b2"), statement(mbox, "b3")],
  }).catch(failed("sendStatements"))).data;
  check(batch.length === 3, `sendStatements answered ${JSON.stringify(batch)}`);

  const read = await xapi.getStatement({ statementId: one[0] }).catch(failed("getStatement"));
  check(read.data.id === one[0] && read.data.actor.mbox === mbox && read.data.verb.id === COMPLETED,
    `getStatement returned ${JSON.stringify(read.data)}`);
  check(read.headers["x-experience-api-version"] === "1.0.3", "no X-Experience-API-Version: 1.0.3 on the answer");
  check(!!read.headers["x-experience-api-consistent-through"], "no X-Experience-API-Consistent-Through on a GET");

  const ids = async () => {
    const seen = [];
    let page = (await xapi.getStatements({ agent: { mbox }, verb: COMPLETED, limit: 2 })
      .catch(failed("getStatements"))).data;
    let pages = 1;
    seen.push(...page.statements.map((s) => s.id));
    while (page.more) {
      page = (await xapi.getMoreStatements({ more: page.more }).catch(failed("getMoreStatements"))).data;
      pages += 1;
      seen.push(...page.statements.map((s) => s.id));
    }
    return { seen, pages };
  };
  const before = await ids();
  sameSet(before.seen, [...one, ...batch], "query by agent and verb");
  check(before.pages === 2, `4 statements 2 a page should be 2 pages, were ${before.pages}`);
  check(before.seen[0] === batch[2], "newest stored first");

  const voiding = (await xapi.voidStatement({ actor: { mbox }, statementId: batch[0] })
    .catch(failed("voidStatement"))).data;
  const after = await ids();
  check(!after.seen.includes(batch[0]), `the voided statement ${batch[0]} is still in the query`);
  sameSet(after.seen, [one[0], batch[1], batch[2], voiding[0]], "query after voiding (the voiding statement targets a match)");
  const voided = await xapi.getVoidedStatement({ voidedStatementId: batch[0] }).catch(failed("getVoidedStatement"));
  check(voided.data.id === batch[0], "getVoidedStatement");
  const gone = await xapi.getStatement({ statementId: batch[0] }).then(() => 200, (e) => e.response?.status);
  check(gone === 404, `getStatement of a voided statement answered ${gone}, not 404`);
  return `sent 1 + batch of 3, read back, queried ${before.pages} pages, voided ${batch[0]}`;
}

// ---- tincanjs 0.50.0 ---------------------------------------------------------------------------------------------

function tincan(call) {
  return new Promise((resolve, reject) => {
    call((err, result) => {
      if (err !== null) {
        const body = result && result.responseText ? ` ${result.responseText}` : "";
        reject(new Error(err === 0 ? "no answer (connection refused or aborted)" : `HTTP ${err}${body}`));
      } else {
        resolve(result);
      }
    });
  });
}

async function withTinCan() {
  // version 1.0.2 is the newest TinCanJS knows; auth is sent as the whole Authorization header
  const lrs = new TinCan.LRS({ endpoint, auth, version: "1.0.2", allowFail: false });
  const mbox = `mailto:tincan-${randomUUID()}@grid.example`;
  const make = (lecture) => new TinCan.Statement(statement(mbox, lecture));

  // a TinCan.Statement carries its own id, so saveStatement is a PUT ?statementId=
  const one = make("one");
  await tincan((callback) => lrs.saveStatement(one, { callback })).catch((e) => {
    throw new Error(`saveStatement: ${e.message}`);
  });
  const batch = [make("b1"), make("b2"), make("b3")];
  const posted = await tincan((callback) => lrs.saveStatements(batch, { callback })).catch((e) => {
    throw new Error(`saveStatements: ${e.message}`);
  });
  sameSet(JSON.parse(posted.responseText), batch.map((s) => s.id), "saveStatements answered");

  const read = await tincan((callback) => lrs.retrieveStatement(one.id, { callback })).catch((e) => {
    throw new Error(`retrieveStatement: ${e.message}`);
  });
  check(read.id === one.id && read.actor.mbox === mbox && read.verb.id === COMPLETED,
    `retrieveStatement returned ${JSON.stringify(read)}`);

  const ids = async () => {
    const seen = [];
    let page = await tincan((callback) => lrs.queryStatements({
      params: { agent: new TinCan.Agent({ mbox }), verb: new TinCan.Verb({ id: COMPLETED }), limit: 2 },
      callback,
    })).catch((e) => {
      throw new Error(`queryStatements: ${e.message}`);
    });
    let pages = 1;
    seen.push(...page.statements.map((s) => s.id));
    while (page.more) {
      page = await tincan((callback) => lrs.moreStatements({ url: page.more, callback })).catch((e) => {
        throw new Error(`moreStatements: ${e.message}`);
      });
      pages += 1;
      seen.push(...page.statements.map((s) => s.id));
    }
    return { seen, pages };
  };
  const all = [one, ...batch].map((s) => s.id);
  const before = await ids();
  sameSet(before.seen, all, "query by agent and verb");
  check(before.pages === 2, `4 statements 2 a page should be 2 pages, were ${before.pages}`);

  const voiding = new TinCan.Statement({
    actor: { mbox },
    verb: { id: "http://adlnet.gov/expapi/verbs/voided" },
    target: { objectType: "StatementRef", id: batch[0].id },
  });
  await tincan((callback) => lrs.saveStatement(voiding, { callback })).catch((e) => {
    throw new Error(`saveStatement (voiding): ${e.message}`);
  });
  const after = await ids();
  check(!after.seen.includes(batch[0].id), `the voided statement ${batch[0].id} is still in the query`);
  sameSet(after.seen, [one.id, batch[1].id, batch[2].id, voiding.id], "query after voiding");
  const voided = await tincan((callback) => lrs.retrieveVoidedStatement(batch[0].id, { callback })).catch((e) => {
    throw new Error(`retrieveVoidedStatement: ${e.message}`);
  });
  check(voided.id === batch[0].id, "retrieveVoidedStatement");
  return `PUT 1 + batch of 3, read back, queried ${before.pages} pages, voided ${batch[0].id}`;
}

let failures = 0;
for (const [name, run] of [["@xapi/xapi 3.0.3", withXapiJs], ["tincanjs 0.50.0", withTinCan]]) {
  try {
    console.log(`ok   ${name}: ${await run()}`);
  } catch (e) {
    failures += 1;
    console.log(`FAIL ${name}: ${e.message}`);
  }
}
process.exit(failures === 0 ? 0 : 1);
