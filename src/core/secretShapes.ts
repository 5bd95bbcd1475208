// Secrets recognised by their shape alone: key blocks, tokens with a vendor prefix, and a few
// values whose place tells (an Authorization header, a connection string's AccountKey, a URL's
// password). The families follow the rule sets of gitleaks and detect-secrets.

import type { SecretKind } from './secrets';
import { isPlaceholder, isPlaceholderToken, looksRandom } from './secretValues';

export interface Shape {
  kind: SecretKind;
  /** Regex source with exactly one capturing group: the secret. */
  source: string;
  /** Extra test on the secret, for shapes a regex alone cannot tell from ordinary text. */
  accept?: (secret: string) => boolean;
  /** Looked for only in a text that holds one of these: a literal search costs far less than a pattern's pass. */
  gates?: readonly string[];
}

const notPlaceholder = (s: string): boolean => !isPlaceholderToken(s);
const randomTail = (s: string): boolean => !isPlaceholderToken(s) && /\d/.test(s);

/** Vendor tokens: prefix and body, one alternative each; all share the "vendor-token" test. */
const VENDOR_TOKENS = [
  // GitLab: personal, deploy, pipeline trigger, runner, CI job, incoming mail, feed, agent, OAuth, SCIM, feature flags.
  '(?:glpat|gldt|glptt|glrt|glcbt|glimt|glft|glagent|gloas|glsoat|glffct|glwt|glsat)-[A-Za-z0-9_.-]{20,}',
  'GR1348941[A-Za-z0-9_-]{20,}',
  'do[opr]_v1_[a-f0-9]{64}', // DigitalOcean
  'shp(?:at|ss|ca|pa)_[a-fA-F0-9]{32}', // Shopify
  'SG\\.[A-Za-z0-9_-]{22}\\.[A-Za-z0-9_-]{43}', // SendGrid
  'npm_[A-Za-z0-9]{36}',
  '(?:hf|api_org)_[A-Za-z0-9]{30,40}', // Hugging Face
  'pypi-AgE[A-Za-z0-9_-]{50,}',
  'rubygems_[a-f0-9]{48}',
  'oy2[a-z0-9]{43}', // NuGet
  '(?:SK|AC)[0-9a-f]{32}', // Twilio API key / account
  '(?:AKCp[A-Za-z0-9]{69}|cmVmdGtuOjAxOj[A-Za-z0-9]{40,})', // Artifactory
  'LTAI[A-Za-z0-9]{20}', // Alibaba
  'AKID[A-Za-z0-9]{32}', // Tencent
  'sq0(?:atp|csp|idp)-[A-Za-z0-9_-]{22,43}', // Square
  'EAA[A-Za-z0-9_-]{60,}', // Facebook / Square (EAAA)
  'access_token\\$(?:production|sandbox)\\$[a-z0-9]{16}\\$[a-f0-9]{32}', // PayPal / Braintree
  'key-[a-f0-9]{32}', // Mailgun
  'HRKU-[A-Za-z0-9_-]{60}', // Heroku
  'nfp_[A-Za-z0-9]{36}', // Netlify
  'v1\\.0-[a-f0-9]{24}-[a-f0-9]{146}', // Cloudflare origin CA
  'NR(?:AK|AA|II|JS|RA)-[A-Za-z0-9_-]{19,42}', // New Relic
  'sntr[ysu]s?_[A-Za-z0-9+/=_-]{40,}', // Sentry
  'hv[sbr]\\.[A-Za-z0-9_-]{24,}', // HashiCorp Vault
  'pul-[a-f0-9]{40}', // Pulumi
  'dp\\.(?:pt|st|sa|ct|scim|audit)\\.[A-Za-z0-9_.-]{40,}', // Doppler
  'lin_(?:api|oauth)_[A-Za-z0-9]{40,64}', // Linear
  '(?:secret_[A-Za-z0-9]{43}|ntn_[0-9]{11}[A-Za-z0-9]{35})', // Notion
  'pat[A-Za-z0-9]{14}\\.[a-f0-9]{64}', // Airtable
  'fig[dou]_[A-Za-z0-9_-]{40,}', // Figma
  'PMAK-[a-f0-9]{24}-[a-f0-9]{34}', // Postman
  'AGE-SECRET-KEY-1[QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L]{58}',
  'dapi[a-f0-9]{32}(?:-[0-9])?', // Databricks
  '(?:glc_[A-Za-z0-9+/]{32,400}={0,2}|glsa_[A-Za-z0-9]{32}_[A-Fa-f0-9]{8})', // Grafana
  'eyJrIjoi[A-Za-z0-9]{60,}={0,2}', // Grafana API key (base64 JSON)
  'dckr_(?:pat|oat)_[A-Za-z0-9_-]{27,}', // Docker Hub
  'sbp_[a-f0-9]{40}|sb_secret_[A-Za-z0-9_-]{20,}', // Supabase
  'pscale_(?:pw|tkn|oauth)_[A-Za-z0-9_.=-]{32,64}', // PlanetScale
  'gsk_[A-Za-z0-9]{48,56}', // Groq
  'r8_[A-Za-z0-9]{37}', // Replicate
  'pplx-[A-Za-z0-9]{48}', // Perplexity
  'xai-[A-Za-z0-9]{70,90}', // xAI
  'lsv2_(?:pt|sk)_[a-f0-9]{32}_[a-f0-9]{10}', // LangSmith
  'pcsk_[A-Za-z0-9_]{50,}', // Pinecone
  'tvly-(?:dev-)?[A-Za-z0-9]{32}', // Tavily
  'fw_[A-Za-z0-9]{24,}', // Fireworks
  'sk\\.eyJ[A-Za-z0-9_-]{50,}\\.[A-Za-z0-9_-]{20,}', // Mapbox secret
  'AAAAAAAAAAAAAAAAAAAAA[A-Za-z0-9%]{30,}', // Twitter bearer
  'ATBB[A-Za-z0-9_=.-]{32,}', // Bitbucket app password
  'ATATT3[A-Za-z0-9_=-]{100,}', // Atlassian API token
  'dt0c01\\.[A-Z0-9]{24}\\.[A-Z0-9]{64}', // Dynatrace
  'shippo_(?:live|test)_[a-f0-9]{40}',
  'FLWSECK(?:_TEST)?-[a-h0-9]{32}-X',
  'pnu_[A-Za-z0-9]{36}', // Prefect
  'rdme_[a-z0-9]{70}', // ReadMe
  'sgp_(?:[a-f0-9]{16}_)?[a-f0-9]{40}', // Sourcegraph
  'sq[pau]_[a-f0-9]{40}', // SonarQube
  'CFPAT-[A-Za-z0-9_-]{43}', // Contentful
  'EZAK[a-z0-9]{54}', // EasyPost
  'fo1_[A-Za-z0-9_-]{43}', // Fly.io
  'rnd_[A-Za-z0-9]{32}', // Render
  're_[A-Za-z0-9]{8}_[A-Za-z0-9]{24}', // Resend
  'ops_eyJ[A-Za-z0-9+/]{100,}={0,3}', // 1Password service account
  'duffel_(?:test|live)_[A-Za-z0-9_-]{43}',
  'whsec_[A-Za-z0-9+/=]{24,}', // Stripe / Svix webhook signing secret
  'xoxe\\.xox[bp]-[0-9]-[A-Za-z0-9]{100,}', // Slack configuration token
  '1\\/\\/0[A-Za-z0-9_-]{40,}', // Google OAuth refresh token
  '(?:IQoJb3JpZ2luX2Vj|FwoGZXIvYXdzE)[A-Za-z0-9+/=]{100,}', // AWS session token
  'amzn\\.mws\\.[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}',
  'jina_[A-Za-z0-9]{40,}',
  'csk-[a-z0-9]{40,}', // Cerebras
  'esecret_[A-Za-z0-9]{20,}', // Anyscale
  'napi_[a-z0-9]{64}', // Neon
  'sk_[a-f0-9]{48}', // ElevenLabs
  'xkeysib-[a-f0-9]{64}-[A-Za-z0-9]{16}', // Brevo
  'access-(?:sandbox|development|production)-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}', // Plaid
  'p8e-[A-Za-z0-9_-]{32}', // Adobe
  'bkua_[a-f0-9]{40}', // Buildkite
  'CCIPAT_[A-Za-z0-9]{20,}_[a-f0-9]{40}', // CircleCI
  'sl\\.[A-Za-z0-9_-]{130,}', // Dropbox
  'fio-u-[A-Za-z0-9_=-]{64}', // Frame.io
  'ico-[A-Za-z0-9]{32}', // Infracost
  'API-[A-Z0-9]{26}', // Octopus Deploy
  'sha256~[A-Za-z0-9_-]{43}', // OpenShift
  'tk-us-[A-Za-z0-9_-]{48}', // Scalingo
  'tfp_[A-Za-z0-9_.=-]{59}', // Typeform
  'FlyV1 fm[12]_[A-Za-z0-9+/=_-]{100,}', // Fly.io macaroon
  'glsa_[A-Za-z0-9]{32}_[A-Fa-f0-9]{8}',
];

/** Secrets recognised by their shape alone. */
export const SHAPES: readonly Shape[] = [
  // An unterminated block (a key cut off at the end of the text) runs to the end. PEM blocks of
  // every kind (RSA, EC, DSA, OPENSSH, ENCRYPTED, PGP ... BLOCK), SSH2 blocks, PuTTY key files.
  // A block counts when key material follows its first line (after headers such as DEK-Info):
  // code that only names the header ('-----BEGIN RSA PRIVATE KEY-----' in a parser) does not.
  {
    kind: 'private-key', gates: ['PRIVATE KEY'],
    source: '(-----BEGIN[ A-Z0-9]*PRIVATE KEY(?: BLOCK)?-----[\\s\\S]*?(?:-----END[ A-Z0-9]*PRIVATE KEY(?: BLOCK)?-----|$(?![\\s\\S])))',
    accept: holdsKeyMaterial,
  },
  { kind: 'private-key', gates: ['SSH2 ENCRYPTED'], source: '(---- BEGIN SSH2 ENCRYPTED PRIVATE KEY ----[\\s\\S]*?(?:---- END SSH2 ENCRYPTED PRIVATE KEY ----|$(?![\\s\\S])))', accept: holdsKeyMaterial },
  { kind: 'private-key', gates: ['PuTTY-User-Key-File'], source: '(PuTTY-User-Key-File-[0-9]: *[\\w@.-]+\\r?\\n[\\s\\S]*?(?:Private-MAC: *[0-9a-fA-F]+|$(?![\\s\\S])))' },
  { kind: 'aws-access-key', gates: ['AKIA', 'ASIA', 'ABIA', 'ACCA', 'A3T'], source: '\\b((?:AKIA|ASIA|ABIA|ACCA|A3T[A-Z0-9])[0-9A-Z]{16})\\b', accept: notPlaceholder },
  { kind: 'github-token', gates: ['gh', 'github_pat_'], source: '\\b((?:ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{36,255}|github_pat_[A-Za-z0-9_]{22,255})\\b', accept: notPlaceholder },
  { kind: 'slack-token', gates: ['xox', 'xapp-'], source: '\\b((?:xox[abposre]|xapp)-[A-Za-z0-9-]{10,250})\\b', accept: randomTail },
  { kind: 'slack-webhook', gates: ['hooks.slack.com'], source: '(https:\\/\\/hooks\\.slack\\.com\\/(?:services|workflows|triggers)\\/T[A-Za-z0-9_]+\\/[A-Za-z0-9_]+\\/[A-Za-z0-9_/]+)' },
  { kind: 'webhook-url', gates: ['/api/webhooks/'], source: '(https:\\/\\/(?:ptb\\.|canary\\.)?discord(?:app)?\\.com\\/api\\/webhooks\\/[0-9]+\\/[A-Za-z0-9_-]{40,})' },
  { kind: 'webhook-url', gates: ['webhook.office.com'], source: '(https:\\/\\/[\\w-]+\\.webhook\\.office\\.com\\/webhookb2\\/[\\w@/-]{40,})' },
  { kind: 'webhook-url', gates: ['hooks.zapier.com'], source: '(https:\\/\\/hooks\\.zapier\\.com\\/hooks\\/catch\\/[0-9]+\\/[A-Za-z0-9]+)' },
  { kind: 'webhook-url', gates: ['maker.ifttt.com'], source: 'maker\\.ifttt\\.com\\/trigger\\/[\\w-]+\\/with\\/key\\/([A-Za-z0-9_-]{16,})' },
  { kind: 'stripe-key', gates: ['_live_', '_test_', '_prod_'], source: '\\b((?:sk|rk)_(?:live|test|prod)_[A-Za-z0-9]{20,250})\\b', accept: notPlaceholder },
  { kind: 'google-api-key', gates: ['AIza'], source: '\\b(AIza[0-9A-Za-z_-]{35})(?![0-9A-Za-z_-])', accept: notPlaceholder },
  // An OAuth client secret and an access token.
  { kind: 'google-api-key', gates: ['GOCSPX-', 'ya29.'], source: '\\b(GOCSPX-[A-Za-z0-9_-]{24,40}|ya29\\.[A-Za-z0-9_-]{20,2048})', accept: randomTail },
  { kind: 'anthropic-key', gates: ['sk-ant-'], source: '\\b(sk-ant-[A-Za-z0-9_-]{32,250})', accept: looksRandom },
  { kind: 'openai-key', gates: ['sk-'], source: '\\b(sk-(?!ant-)(?:proj-|svcacct-|admin-|or-v1-)?[A-Za-z0-9_-]{32,250})', accept: looksRandom },
  // The lookahead on the first characters lets most positions fail before ~85 alternatives are tried (a third faster).
  { kind: 'vendor-token', source: `\\b(?=[${firstCharacters(VENDOR_TOKENS)}])(${VENDOR_TOKENS.join('|')})(?![A-Za-z0-9_-])`, accept: notPlaceholder },
  // Discord bot token: the user id in base64, a timestamp, an HMAC.
  {
    kind: 'vendor-token',
    source: '\\b([MNO][A-Za-z0-9_-]{23,25}\\.[A-Za-z0-9_-]{6}\\.[A-Za-z0-9_-]{27,38})(?![A-Za-z0-9_-])',
    accept: (s) => /[0-9]/.test(s.slice(0, 24)) && looksRandom(s.slice(s.lastIndexOf('.') + 1)),
  },
  // Tokens whose fixed part is in the middle. Matching starts at that part (a pattern that starts
  // with a character class is tried at every position, ten times slower); a lookbehind after it,
  // holding a lookahead, captures the whole token from where it begins.
  ...[
    // Telegram bot token, also inside a URL path: /bot<id>:<secret>/.
    ['(?<![0-9])', '[0-9]{8,10}', ':AA', '[A-Za-z0-9_-]{33}', ':AA'],
    ['\\b', '[a-f0-9]{32}', '-us', '[0-9]{1,2}', '-us'], // Mailchimp
    ['\\b', '[A-Za-z0-9]{14}', '\\.atlasv1\\.', '[A-Za-z0-9_=-]{60,70}', '.atlasv1.'], // Terraform Cloud
    ['(?<![A-Za-z0-9_~.])', '[A-Za-z0-9_~.]{3}[0-9]', 'Q~', '[A-Za-z0-9_~.-]{31,34}', 'Q~'], // Azure AD client secret
    ['\\b', 'AAAA[A-Za-z0-9_-]{7}', ':APA91b', '[A-Za-z0-9_-]{134}', ':APA91b'], // Firebase Cloud Messaging
  ].map(([start, head, fixed, tail, gate]): Shape => ({
    kind: 'vendor-token',
    gates: [gate as string],
    source: `${fixed}(?<=${start}(?=(${head}${fixed}${tail})(?![A-Za-z0-9_-]))${head}${fixed})`,
    accept: notPlaceholder,
  })),
  // A key passed by position to an API client: cohere.Client("..."), Client(account_sid, "...").
  {
    kind: 'assigned-secret', gates: ['lient', 'ohere'],
    source: '\\b(?:[Cc]lient|[Cc]ohere|CohereClient)\\w*\\(\\s*(?:["\'][^"\'\\n]{0,80}["\']\\s*,\\s*)?["\']([A-Za-z0-9_-]{24,128})["\']',
    accept: looksRandom,
  },
  { kind: 'jwt', gates: ['eyJ'], source: '\\b(eyJ[A-Za-z0-9_-]{8,}\\.eyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{8,})' },
  { kind: 'bearer-token', gates: ['Bearer'], source: '\\bBearer\\s+([A-Za-z0-9._~+/-]{20,}=*)', accept: looksRandom },
  { kind: 'bearer-token', gates: ['uthorization'], source: '[Aa]uthorization["\']?\\]?\\s*[:=]\\s*["\']?(?:[Tt]oken|Bot|Key|Apikey|SSWS|Splunk|GenieKey)\\s+([^\\s"\']{16,})', accept: looksRandom },
  { kind: 'basic-auth', gates: ['Basic'], source: '\\bBasic\\s+([A-Za-z0-9+/]{8,}={0,2})(?![\\w+/=])', accept: isBasicCredential },
  // curl -u user:password (also across a line continuation).
  { kind: 'basic-auth', gates: ['curl'], source: '\\bcurl\\b(?:[^\\n]|\\\\\\r?\\n)*?\\s(?:-u|--user)\\s*["\']?[^\\s:"\']+:([^\\s"\']+)', accept: (s) => !isPlaceholder(s) },
  // Docker's config.json: "auth": "<base64 of user:password>".
  { kind: 'docker-auth', gates: ['"auth"'], source: '"auth"\\s*:\\s*"([A-Za-z0-9+/]{8,}={0,2})"', accept: isBasicCredential },
  { kind: 'azure-key', gates: ['AccountKey=', 'SharedAccessKey=', 'SharedSecretValue='], source: '\\b(?:AccountKey|SharedAccessKey|SharedSecretValue)=([A-Za-z0-9+/]{20,}={0,2})', accept: notPlaceholder },
  { kind: 'azure-key', gates: ['sig='], source: '[?&]sig=([A-Za-z0-9%+/]{30,}(?:%3[Dd]|=){0,2})', accept: notPlaceholder },
  { kind: 'private-key', gates: ['client-key-data'], source: '\\bclient-key-data:\\s*["\']?([A-Za-z0-9+/]{20,}={0,2})' },
  // Password hashes: htpasswd (apr1, bcrypt, {SHA}), crypt(3) as in /etc/shadow.
  { kind: 'password-hash', gates: ['$apr1$', '$2a$', '$2b$', '$2y$', '$5$', '$6$', '{SHA}'], source: '(\\$apr1\\$[./0-9A-Za-z]{1,8}\\$[./0-9A-Za-z]{22}|\\$2[aby]\\$[0-9]{2}\\$[./A-Za-z0-9]{53}|\\$[56]\\$(?:rounds=[0-9]+\\$)?[./0-9A-Za-z]{1,16}\\$[./0-9A-Za-z]{43,86}|\\{SHA\\}[A-Za-z0-9+/]{27}=)' },
  // A URL's password, with any user or none: scheme://user:password@host, redis://:password@host.
  // Anchored on "://" because a leading scheme pattern is slow.
  { kind: 'url-password', gates: ['://'], source: ':\\/\\/[^\\s/:@\'"]{0,64}:([^\\s/:@\'"]{3,128})@', accept: (s) => !isPlaceholder(s) && !/^\d+$/.test(s) },
  // Sentry DSN: https://<public key>[:<secret>]@host.
  { kind: 'url-password', gates: ['://'], source: ':\\/\\/([a-f0-9]{32}(?::[a-f0-9]{32})?)@' },
];

/** Every character a match of one of these pattern sources can start with, escaped for a class. */
export function firstCharacters(sources: readonly string[]): string {
  const chars = new Set<string>();
  const visit = (source: string): void => {
    for (const alternative of topLevelAlternatives(source)) {
      if (alternative.startsWith('(?:')) visit(alternative.slice(3, closingParen(alternative, 0)));
      else if (alternative.startsWith('\\')) chars.add(alternative.slice(0, 2));
      else if (/^[A-Za-z0-9]/.test(alternative)) chars.add(alternative.charAt(0));
      else throw new Error(`no literal first character in ${alternative}`);
    }
  };
  sources.forEach(visit);
  return [...chars].join('');
}

/** `source` split at its top-level "|": not inside a group, a class or after a backslash. */
function topLevelAlternatives(source: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let inClass = false;
  let start = 0;
  for (let i = 0; i < source.length; i++) {
    const c = source.charAt(i);
    if (c === '\\') i++;
    else if (inClass) inClass = c !== ']';
    else if (c === '[') inClass = true;
    else if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === '|' && depth === 0) {
      parts.push(source.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(source.slice(start));
  return parts;
}

/** Index of the ")" that closes the group opening at `open`. */
function closingParen(source: string, open: number): number {
  let depth = 0;
  let inClass = false;
  for (let i = open; i < source.length; i++) {
    const c = source.charAt(i);
    if (c === '\\') i++;
    else if (inClass) inClass = c !== ']';
    else if (c === '[') inClass = true;
    else if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return i;
  }
  return source.length;
}

/** A key block's first lines, after any headers, hold base64 key material. */
function holdsKeyMaterial(block: string): boolean {
  return /^-{4,5} ?BEGIN[^\n]*?-{4,5}(?:\s|\\n)*(?:(?:Proc-Type|DEK-Info|Comment|Version|Subject|Hash)[^\n]*(?:\s|\\n)*)*[A-Za-z0-9+/=]{20,}/.test(block);
}

/** base64 of "user:password", printable, as Basic auth and Docker's "auth" carry it. */
function isBasicCredential(value: string): boolean {
  if (value.length % 4 === 1) return false;
  let decoded: string;
  try {
    decoded = atob(value.padEnd(Math.ceil(value.length / 4) * 4, '='));
  } catch {
    return false;
  }
  const colon = decoded.indexOf(':');
  return colon >= 0 && /^[\x20-\x7e]+$/.test(decoded) && !isPlaceholder(decoded.slice(colon + 1));
}
