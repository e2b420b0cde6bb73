// Korean and English texts of the console. The language follows the browser unless the agent picked one.

const TEXTS = {
  en: {
    title: 'SupportFlow agent console',
    signIn: 'Sign in', signOut: 'Sign out', signingIn: 'Signing in…',
    signedOut: 'You are signed out.', sessionExpired: 'Your session ended; sign in again. Your drafts are kept.',
    signInFailed: 'Sign-in failed: {0}',
    otherLanguage: '한국어', languageName: 'English',
    inbox: 'Inbox', mine: 'Mine', unassigned: 'Unassigned', all: 'All',
    status: 'Status', priority: 'Priority', channel: 'Channel', sla: 'SLA', any: 'Any',
    channelType: 'Channel', channelId: 'Channel id',
    channel_web: 'Web chat', channel_kakao: 'KakaoTalk', channel_messenger: 'Messenger', channel_sms: 'SMS',
    channel_email: 'Email', channel_generic: 'Other (API)',
    active: 'Active (new, open, pending)', atRisk: 'At risk', breached: 'Breached',
    refresh: 'Refresh', noTickets: 'No tickets match.', loading: 'Loading…',
    live: 'Live', reconnecting: 'Reconnecting…',
    oneTicket: '1 ticket', ticketCount: '{0} tickets', ticketCountOf: '{0} of {1} tickets', more: 'Show more',
    customerFilter: 'Customer id',
    assignee: 'Assignee', nobody: 'Queue', tags: 'Tags', version: 'Version',
    handoffReason: 'Handoff reason', intent: 'Intent', confidence: 'Confidence', sentiment: 'Sentiment',
    language: 'Language', customer: 'Customer', tier: 'Tier', locale: 'Locale', identities: 'Channels',
    earlierTickets: 'Earlier tickets', none: 'None',
    firstResponse: 'First response', resolution: 'Resolution', dueIn: 'due in {0}', overdue: 'overdue by {0}',
    met: 'met', paused: 'paused', csat: 'CSAT', csatScore: '{0} / 5', csatAsked: 'asked, no answer yet',
    author_customer: 'Customer', author_bot: 'Bot', author_agent: 'Agent', author_system: 'System',
    author_note: 'Internal note',
    reply: 'Reply', note: 'Note', sendReply: 'Send reply', addNote: 'Add note',
    replyPlaceholder: 'Reply to the customer…', notePlaceholder: 'Internal note (never sent to the customer)…',
    replySent: 'Reply sent.', noteAdded: 'Note added.',
    save: 'Save changes', saved: 'Saved.', assignToMe: 'Assign to me', tagsHint: 'comma separated',
    conflict: 'Someone else changed this ticket (now version {0}). Nothing of yours was saved; the current values are shown below.',
    conflictField: '{0}: yours {1}, now {2}',
    keepMine: 'Apply my changes to the new version',
    correctIntent: 'Correct intent', corrected: 'corrected to {0} by {1}',
    summary: 'What the bot saw', intents: 'Intents', sentimentTrend: 'Sentiment', entities: 'Entities',
    suggestions: 'Suggested answers', insert: 'Insert into reply',
    actionCalled: 'Bot looked up {0}: {1}', actionFailed: 'Lookup of {0} failed: {1}',
    actionAsked: 'Bot asked for {0}', actionAskedAgain: 'Bot asked again for {0}',
    actionIdentity: 'Needs a verified identity for {0}', actionGaveUp: 'Gave up asking for {0}',
    actionAbandoned: 'Form abandoned ({0})',
    deliveryKakao: 'KakaoTalk: a reply reaches the customer through the chatbot; it may wait as pending until the customer writes again.',
    deliveryMessenger: 'Messenger: a person may answer up to 7 days after the customer\'s last message.',
    deliveryEmail: 'Email: the reply is sent in the same thread.',
    deliverySms: 'SMS: keep replies short.',
    deliveryWeb: 'Web chat: the reply appears in the widget.',
    delivery: 'Delivery: {0}',
    selectTicket: 'Select a ticket from the inbox.',
    shortcuts: 'Shortcuts: r reply · n note · j next ticket · k previous ticket',
    error: 'Error: {0}', forbidden: 'This ticket is assigned to another agent.',
    presence: 'Presence', capacity: 'Capacity', presenceSaved: '{0}, up to {1} conversations', ONLINE: 'Online', AWAY: 'Away', OFFLINE: 'Offline',
    NEW: 'New', OPEN: 'Open', PENDING: 'Pending', SOLVED: 'Solved', CLOSED: 'Closed',
    LOW: 'Low', NORMAL: 'Normal', HIGH: 'High', URGENT: 'Urgent',
    positive: 'positive', neutral: 'neutral', negative: 'negative',
  },
  ko: {
    title: 'SupportFlow 상담원 콘솔',
    signIn: '로그인', signOut: '로그아웃', signingIn: '로그인 중…',
    signedOut: '로그아웃되었습니다.', sessionExpired: '세션이 만료되었습니다. 다시 로그인해 주세요. 작성 중인 내용은 보존됩니다.',
    signInFailed: '로그인 실패: {0}',
    otherLanguage: 'English', languageName: '한국어',
    inbox: '받은 문의', mine: '내 티켓', unassigned: '미배정', all: '전체',
    status: '상태', priority: '우선순위', channel: '채널', sla: 'SLA', any: '전체',
    channelType: '채널', channelId: '채널 ID',
    channel_web: '웹 채팅', channel_kakao: '카카오톡', channel_messenger: '메신저', channel_sms: 'SMS',
    channel_email: '이메일', channel_generic: '기타 (API)',
    active: '진행 중 (신규, 열림, 대기)', atRisk: '위험', breached: '위반',
    refresh: '새로고침', noTickets: '조건에 맞는 티켓이 없습니다.', loading: '불러오는 중…',
    live: '실시간', reconnecting: '다시 연결 중…',
    oneTicket: '티켓 1건', ticketCount: '티켓 {0}건', ticketCountOf: '티켓 {1}건 중 {0}건', more: '더 보기',
    customerFilter: '고객 ID',
    assignee: '담당자', nobody: '대기열', tags: '태그', version: '버전',
    handoffReason: '상담원 연결 사유', intent: '의도', confidence: '신뢰도', sentiment: '감정',
    language: '언어', customer: '고객', tier: '등급', locale: '로캘', identities: '채널',
    earlierTickets: '이전 티켓', none: '없음',
    firstResponse: '첫 응답', resolution: '해결', dueIn: '{0} 남음', overdue: '{0} 초과',
    met: '달성', paused: '일시 중지', csat: '고객 만족도', csatScore: '{0} / 5', csatAsked: '질문함, 응답 없음',
    author_customer: '고객', author_bot: '챗봇', author_agent: '상담원', author_system: '시스템',
    author_note: '내부 메모',
    reply: '답장', note: '메모', sendReply: '답장 보내기', addNote: '메모 추가',
    replyPlaceholder: '고객에게 답장…', notePlaceholder: '내부 메모 (고객에게 전송되지 않음)…',
    replySent: '답장을 보냈습니다.', noteAdded: '메모를 추가했습니다.',
    save: '변경 저장', saved: '저장했습니다.', assignToMe: '나에게 배정', tagsHint: '쉼표로 구분',
    conflict: '다른 사람이 이 티켓을 변경했습니다 (현재 버전 {0}). 내 변경은 저장되지 않았으며, 아래에 현재 값이 표시됩니다.',
    conflictField: '{0}: 내 값 {1}, 현재 {2}',
    keepMine: '새 버전에 내 변경 적용',
    correctIntent: '의도 수정', corrected: '{1}님이 {0}(으)로 수정',
    summary: '챗봇 대화 요약', intents: '의도', sentimentTrend: '감정 추이', entities: '개체',
    suggestions: '추천 답변', insert: '답장에 넣기',
    actionCalled: '챗봇이 {0} 조회: {1}', actionFailed: '{0} 조회 실패: {1}',
    actionAsked: '챗봇이 {0} 요청', actionAskedAgain: '챗봇이 {0} 다시 요청',
    actionIdentity: '{0}: 본인 인증 필요', actionGaveUp: '{0} 요청 중단 (응답 없음)',
    actionAbandoned: '양식 중단 ({0})',
    deliveryKakao: '카카오톡: 답장은 챗봇을 통해 전달되며, 고객이 다시 메시지를 보낼 때까지 대기(pending)할 수 있습니다.',
    deliveryMessenger: '메신저: 고객의 마지막 메시지 후 7일까지 상담원이 답할 수 있습니다.',
    deliveryEmail: '이메일: 같은 스레드로 답장이 전송됩니다.',
    deliverySms: 'SMS: 답장은 짧게 작성해 주세요.',
    deliveryWeb: '웹 채팅: 답장이 위젯에 표시됩니다.',
    delivery: '전달: {0}',
    selectTicket: '받은 문의에서 티켓을 선택하세요.',
    shortcuts: '단축키: r 답장 · n 메모 · j 다음 티켓 · k 이전 티켓',
    error: '오류: {0}', forbidden: '다른 상담원에게 배정된 티켓입니다.',
    presence: '상태', capacity: '동시 처리', presenceSaved: '{0}, 최대 {1}건', ONLINE: '온라인', AWAY: '자리 비움', OFFLINE: '오프라인',
    NEW: '신규', OPEN: '열림', PENDING: '대기', SOLVED: '해결됨', CLOSED: '종료',
    LOW: '낮음', NORMAL: '보통', HIGH: '높음', URGENT: '긴급',
    positive: '긍정', neutral: '중립', negative: '부정',
  },
};

const CHOSEN = 'supportflow.console.language';

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

/** "1h 5m", "3m 20s": a duration in milliseconds, for SLA countdowns. */
export function duration(ms) {
  const s = Math.max(0, Math.floor(ms / 1000));
  const d = Math.floor(s / 86400), h = Math.floor((s % 86400) / 3600), m = Math.floor((s % 3600) / 60);
  const units = current === 'ko' ? ['일', '시간', '분', '초'] : ['d', 'h', 'm', 's'];
  if (d) return `${d}${units[0]} ${h}${units[1]}`;
  if (h) return `${h}${units[1]} ${m}${units[2]}`;
  return `${m}${units[2]} ${s % 60}${units[3]}`;
}

export function dateTime(iso) {
  if (!iso) return '';
  return new Intl.DateTimeFormat(current === 'ko' ? 'ko-KR' : 'en-GB',
    { dateStyle: 'short', timeStyle: 'short' }).format(new Date(iso));
}

document.documentElement.lang = current;
