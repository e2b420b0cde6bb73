// The widget's words in Korean and English; the page's data-locale wins over the browser's language.

const STRINGS = {
  ko: {
    open: '채팅 상담 열기',
    close: '채팅 상담 닫기',
    unread: (count) => `읽지 않은 메시지 ${count}개`,
    title: '고객 상담',
    log: '대화 내용',
    input: '메시지 입력',
    placeholder: '메시지를 입력하세요',
    send: '보내기',
    typing: '답변을 준비하고 있어요…',
    from: { customer: '나', bot: '상담봇', agent: '상담원', system: '안내' },
    rateGroup: '상담 만족도 (1점: 매우 불만족, 5점: 매우 만족)',
    rate: (score) => `5점 만점에 ${score}점`,
    quickReplies: '빠른 답장',
    failed: '보내지 못했어요. 다시 보내려면 누르세요.',
    reconnecting: '연결이 끊겼어요. 다시 연결하는 중…',
    welcome: '안녕하세요! 무엇을 도와드릴까요?'
  },
  en: {
    open: 'Open chat support',
    close: 'Close chat support',
    unread: (count) => `${count} unread ${count === 1 ? 'message' : 'messages'}`,
    title: 'Customer support',
    log: 'Conversation',
    input: 'Message',
    placeholder: 'Type a message',
    send: 'Send',
    typing: 'Preparing an answer…',
    from: { customer: 'You', bot: 'Bot', agent: 'Agent', system: 'Notice' },
    rateGroup: 'Rate our support (1: very dissatisfied, 5: very satisfied)',
    rate: (score) => `${score} out of 5`,
    quickReplies: 'Quick replies',
    failed: 'Not sent. Click to try again.',
    reconnecting: 'Connection lost. Reconnecting…',
    welcome: 'Hello! How can we help you?'
  }
};

/** 'ko' or 'en': the override if it names one of them, else the browser's first language. */
export function pickLanguage(override, navigatorLanguage) {
  const wanted = (override || navigatorLanguage || 'en').toLowerCase();
  return wanted.startsWith('ko') ? 'ko' : 'en';
}

export function strings(language) {
  return STRINGS[language] || STRINGS.en;
}

/** The locale sent with messages (helps the NLU): the browser's when it is of the same language. */
export function messageLocale(language, navigatorLanguage) {
  const browser = navigatorLanguage || '';
  return browser.toLowerCase().startsWith(language) ? browser : (language === 'ko' ? 'ko-KR' : 'en-US');
}
