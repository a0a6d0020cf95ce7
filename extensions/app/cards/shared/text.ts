// Copy of extensions/app/shared/text.ts, made by scripts/gen-extension-shared.ts (HubSpot builds each UI folder alone): edit the original.
import type { Locale } from './generated/catalog.js';

/**
 * UI text every folder needs: loading, the error states (each saying what to do),
 * the not-installed state. Folder-specific labels live next to their components.
 */
export const sharedText: Record<Locale, Record<string, string>> = {
  en: {
    'ui.loading': 'Loading…',
    'ui.retry': 'Try again',
    'ui.reload': 'Reload',
    'ui.none': '—',
    'ui.yes': 'Yes',
    'ui.no': 'No',
    'ui.more': '{count:int} more not shown.',

    'ui.error.network.title': 'Cannot reach KAM for HubSpot',
    'ui.error.network.body':
      'The request did not get through. Check your connection and try again; if it keeps failing, our service may be down — see the status page in the app listing.',
    'ui.error.unauthorized.title': 'Your session could not be verified',
    'ui.error.unauthorized.body':
      'Reload the page. If this keeps happening, ask a super admin to reinstall the app.',
    'ui.error.forbidden.title': 'You do not have access',
    'ui.error.forbidden.body':
      'Ask a super admin of this HubSpot account for access to KAM for HubSpot.',
    'ui.error.not_found.title': 'Not found',
    'ui.error.not_found.body':
      'This record is not known to KAM for HubSpot yet. It is picked up on the next sync; try again in a few minutes.',
    'ui.error.conflict.title': 'Changed in the meantime',
    'ui.error.conflict.body':
      'Someone else changed this at the same time. Reload to see the latest, then try again.',
    'ui.error.rate_limited.title': 'Too many requests',
    'ui.error.rate_limited.body':
      'HubSpot limits how often the app may be called. Wait a minute, then try again.',
    'ui.error.server.title': 'Something went wrong on our side',
    'ui.error.server.body': 'We have been notified. Try again in a few minutes.',
    'ui.error.bad_request.title': 'The request was not accepted',
    'ui.error.bad_request.body':
      'Reload the page and try again. If it keeps failing, contact support.',
    'ui.error.bad_response.title': 'Unexpected answer from KAM for HubSpot',
    'ui.error.bad_response.body': 'The app may have just been updated. Reload the page.',

    'ui.notInstalled.title': 'KAM for HubSpot is not connected',
    'ui.notInstalled.body':
      'This HubSpot account has no active installation of KAM for HubSpot. A super admin can install it from the HubSpot marketplace; the first evaluation starts right after.',
  },
  'zh-CN': {
    'ui.loading': '加载中…',
    'ui.retry': '重试',
    'ui.reload': '重新加载',
    'ui.none': '—',
    'ui.yes': '是',
    'ui.no': '否',
    'ui.more': '另有 {count:int} 条未显示。',

    'ui.error.network.title': '无法连接 KAM for HubSpot',
    'ui.error.network.body':
      '请求未能送达。请检查网络后重试；如仍失败，可能是服务暂时不可用，请查看应用页面中的服务状态。',
    'ui.error.unauthorized.title': '无法验证当前会话',
    'ui.error.unauthorized.body': '请刷新页面。如问题持续，请联系超级管理员重新安装应用。',
    'ui.error.forbidden.title': '您没有访问权限',
    'ui.error.forbidden.body':
      '请联系本 HubSpot 账户的超级管理员，为您开通 KAM for HubSpot 的访问权限。',
    'ui.error.not_found.title': '未找到记录',
    'ui.error.not_found.body':
      'KAM for HubSpot 还没有同步到这条记录，下一次同步时会自动加入，请几分钟后重试。',
    'ui.error.conflict.title': '数据已被修改',
    'ui.error.conflict.body': '有人同时修改了这条数据。请刷新查看最新内容后再试。',
    'ui.error.rate_limited.title': '请求过于频繁',
    'ui.error.rate_limited.body': 'HubSpot 限制了应用的调用频率，请稍等一分钟后重试。',
    'ui.error.server.title': '服务端出现问题',
    'ui.error.server.body': '我们已收到通知，请几分钟后重试。',
    'ui.error.bad_request.title': '请求未被接受',
    'ui.error.bad_request.body': '请刷新页面后重试；如仍失败，请联系技术支持。',
    'ui.error.bad_response.title': 'KAM for HubSpot 返回了无法识别的结果',
    'ui.error.bad_response.body': '应用可能刚刚更新，请刷新页面。',

    'ui.notInstalled.title': 'KAM for HubSpot 尚未连接',
    'ui.notInstalled.body':
      '本 HubSpot 账户还没有安装 KAM for HubSpot。超级管理员可在 HubSpot 应用市场中安装，安装后会立即开始首次评估。',
  },
};
