// Korean and English texts of the operator dashboard. The language follows the browser unless the operator
// picked one (the same rule as the agent console).

const TEXTS = {
  en: {
    title: 'SupportFlow operator dashboard',
    signIn: 'Sign in', signOut: 'Sign out', signedOut: 'You are signed out.',
    signInFailed: 'Sign-in failed: {0}', error: 'Error: {0}',
    otherLanguage: '한국어',
    forbiddenTitle: 'Not allowed',
    forbidden: 'The operator dashboard is for supervisors and admins. {0} has neither role.',
    filters: 'Filters', range: 'Time range', last24h: 'Last 24 hours', last7d: 'Last 7 days', last30d: 'Last 30 days',
    custom: 'Custom', from: 'From', to: 'To', channel: 'Channel', allChannels: 'All channels', apply: 'Apply',
    loading: 'Loading…', updated: 'Updated {0}; {1} to {2} (UTC), by {3}.', hour: 'hour', day: 'day',
    conversations: 'Conversations', messages: 'Messages', involvementRate: 'Bot involvement rate',
    answerRate: 'Bot answer rate', deflectionRate: 'Deflection rate', resolutionRate: 'Bot resolution rate',
    automationRate: 'Automation rate', handoffs: 'Handoffs', unrecognizedCount: 'Not understood',
    firstResponseP50: 'First response p50', firstResponseP90: 'First response p90',
    resolutionP50: 'Resolution p50', resolutionP90: 'Resolution p90', csatAverage: 'CSAT (1-5)',
    chartVolume: 'Conversations and messages', chartAutomation: 'The bot\'s share',
    chartHandoffs: 'Handoff reasons', chartTimes: 'First response and resolution (minutes)',
    chartCsat: 'CSAT by channel', chartIntents: 'Top intents over time',
    dataTable: 'Data table', time: 'Time (UTC)', intent: 'Intent', average: 'Average', responses: 'Responses',
    summaryVolume: '{0} conversations and {1} messages in {2} points.',
    summaryAutomation: 'Involvement {0}, resolution {1}, automation {2} over the range.',
    summaryHandoffs: '{0} handoffs: {1}.', summaryTimes: 'First response p50 {0}, p90 {1}; resolution p50 {2}, p90 {3}.',
    summaryCsat: 'CSAT: {0}.', summaryIntents: 'Most frequent intents: {0}.', nothing: 'none',
    unrecognized: 'Messages the bot did not understand', unrecognizedHint: 'Texts are masked. Label a message with the intent it should have had: the NLU\'s next training run reads the labels.',
    noUnrecognized: 'Nothing the bot did not understand in this range.',
    received: 'Received', language: 'Language', botIntent: 'Bot\'s intent', text: 'Masked text', label: 'Label',
    chooseIntent: 'Intent for message {0}', saveLabel: 'Save label', labeled: '{0} (by {1})', saved: 'Label saved.',
    notLabeled: 'not labeled',
    actions: 'Actions (the company\'s systems)',
    actionsHint: 'Calls the bot made to the company\'s systems and the forms that asked for what a call needs. Names and outcomes only: no order number or answer reaches analytics.',
    noActions: 'No action ran in this range.',
    action: 'Action', calls: 'Calls', failureRate: 'Failure rate', meanMs: 'Mean (ms)', p95Ms: 'p95 (ms)',
    formsStarted: 'Forms started', formsCompleted: 'Forms completed', completionRate: 'Completion rate',
  },
  ko: {
    title: 'SupportFlow 운영 대시보드',
    signIn: '로그인', signOut: '로그아웃', signedOut: '로그아웃되었습니다.',
    signInFailed: '로그인 실패: {0}', error: '오류: {0}',
    otherLanguage: 'English',
    forbiddenTitle: '접근 권한 없음',
    forbidden: '운영 대시보드는 슈퍼바이저와 관리자만 사용할 수 있습니다. {0} 사용자에게는 해당 역할이 없습니다.',
    filters: '필터', range: '기간', last24h: '최근 24시간', last7d: '최근 7일', last30d: '최근 30일',
    custom: '직접 지정', from: '시작', to: '끝', channel: '채널', allChannels: '전체 채널', apply: '적용',
    loading: '불러오는 중…', updated: '{0} 갱신; {1} ~ {2} (UTC), {3} 단위.', hour: '시간', day: '일',
    conversations: '대화', messages: '메시지', involvementRate: '챗봇 참여율',
    answerRate: '챗봇 답변율', deflectionRate: '상담원 연결 회피율', resolutionRate: '챗봇 해결율',
    automationRate: '자동화율', handoffs: '상담원 연결', unrecognizedCount: '이해하지 못한 메시지',
    firstResponseP50: '첫 응답 p50', firstResponseP90: '첫 응답 p90',
    resolutionP50: '해결 p50', resolutionP90: '해결 p90', csatAverage: '고객 만족도 (1-5)',
    chartVolume: '대화와 메시지', chartAutomation: '챗봇 처리 비율',
    chartHandoffs: '상담원 연결 사유', chartTimes: '첫 응답과 해결 시간 (분)',
    chartCsat: '채널별 고객 만족도', chartIntents: '상위 의도 추이',
    dataTable: '데이터 표', time: '시간 (UTC)', intent: '의도', average: '평균', responses: '응답 수',
    summaryVolume: '{2}개 구간에 대화 {0}건, 메시지 {1}건.',
    summaryAutomation: '기간 전체: 참여율 {0}, 해결율 {1}, 자동화율 {2}.',
    summaryHandoffs: '상담원 연결 {0}건: {1}.', summaryTimes: '첫 응답 p50 {0}, p90 {1}; 해결 p50 {2}, p90 {3}.',
    summaryCsat: '고객 만족도: {0}.', summaryIntents: '가장 많은 의도: {0}.', nothing: '없음',
    unrecognized: '챗봇이 이해하지 못한 메시지', unrecognizedHint: '텍스트는 마스킹되어 있습니다. 메시지에 맞는 의도를 지정하면 다음 NLU 학습에 사용됩니다.',
    noUnrecognized: '이 기간에 챗봇이 이해하지 못한 메시지가 없습니다.',
    received: '수신', language: '언어', botIntent: '챗봇 판단 의도', text: '마스킹된 텍스트', label: '레이블',
    chooseIntent: '메시지 {0}의 의도', saveLabel: '레이블 저장', labeled: '{0} ({1})', saved: '레이블을 저장했습니다.',
    notLabeled: '레이블 없음',
    actions: '액션 (회사 시스템 조회)',
    actionsHint: '챗봇이 회사 시스템을 호출한 결과와, 호출에 필요한 정보를 묻는 양식입니다. 이름과 결과만 집계하며 주문번호나 응답 내용은 분석에 저장되지 않습니다.',
    noActions: '이 기간에 실행된 액션이 없습니다.',
    action: '액션', calls: '호출', failureRate: '실패율', meanMs: '평균 (ms)', p95Ms: 'p95 (ms)',
    formsStarted: '시작된 양식', formsCompleted: '완료된 양식', completionRate: '완료율',
  },
};

const CHOSEN = 'supportflow.dashboard.language';

function initialLanguage() {
  const chosen = localStorage.getItem(CHOSEN);
  if (chosen && TEXTS[chosen]) return chosen;
  return (navigator.language || 'en').toLowerCase().startsWith('ko') ? 'ko' : 'en';
}

let current = initialLanguage();

export const language = () => current;

export function setLanguage(lang) {
  current = TEXTS[lang] ? lang : 'en';
  localStorage.setItem(CHOSEN, current);
  document.documentElement.lang = current;
}

/** The text for a key in the current language, with {0}, {1}... filled in; the key itself when unknown. */
export function t(key, ...args) {
  const text = TEXTS[current][key] ?? TEXTS.en[key] ?? key;
  return text.replace(/\{(\d)\}/g, (_, i) => String(args[Number(i)] ?? ''));
}

const locale = () => (current === 'ko' ? 'ko-KR' : 'en-GB');

/** A ratio as a percentage ("42.9%"), or "–" when undefined. */
export function percent(ratio) {
  return ratio === null || ratio === undefined ? '–'
    : new Intl.NumberFormat(locale(), { style: 'percent', maximumFractionDigits: 1 }).format(ratio);
}

export function number(value, digits = 0) {
  return value === null || value === undefined ? '–'
    : new Intl.NumberFormat(locale(), { maximumFractionDigits: digits }).format(value);
}

/** Seconds as minutes with one decimal ("12.5 min" / "12.5분"), or "–". */
export function minutes(seconds) {
  if (seconds === null || seconds === undefined) return '–';
  return `${number(seconds / 60, 1)}${current === 'ko' ? '분' : ' min'}`;
}

/** A bucket start in UTC: the hour for hourly series, the date for daily ones. */
export function bucketLabel(iso, bucket) {
  const options = bucket === 'hour'
    ? { timeZone: 'UTC', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }
    : { timeZone: 'UTC', year: 'numeric', month: '2-digit', day: '2-digit' };
  return new Intl.DateTimeFormat(locale(), options).format(new Date(iso));
}

export function dateTime(iso) {
  if (!iso) return '';
  return new Intl.DateTimeFormat(locale(), { dateStyle: 'short', timeStyle: 'short', timeZone: 'UTC' })
    .format(new Date(iso));
}

document.documentElement.lang = current;
