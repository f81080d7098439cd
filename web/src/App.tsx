import { App as AntApp, ConfigProvider } from 'antd';
import { PageSpin } from './components/PageSpin';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { lazy, Suspense, useEffect, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { BrowserRouter, Navigate, Route, Routes, useParams } from 'react-router';
import { ApiError, onUnauthenticated } from './api/client';
import { ME_KEY } from './auth/session';
import { LandingPage } from './pages/LandingPage';
import { DemoInboxPage } from './pages/DemoInboxPage';
import { NotFound } from './pages/NotFound';

// Each portal is its own chunk: a customer never downloads the ops console.
const PartnerApp = lazy(() => import('./portals/partner/PartnerApp'));
const CustomerApp = lazy(() => import('./portals/customer/CustomerApp'));
const OpsApp = lazy(() => import('./portals/ops/OpsApp'));

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      refetchOnWindowFocus: false,
      // A refusal will not change by asking again; only retry network trouble.
      retry: (count, err) => !(err instanceof ApiError) && count < 2,
    },
  },
  queryCache: new QueryCache(),
  mutationCache: new MutationCache(),
});

onUnauthenticated(() => {
  void queryClient.invalidateQueries({ queryKey: ME_KEY });
});

/** The invitation e-mail/站内信 link (`/me/invitations/:id?token=`) opens the employee page. */
function InvitationLinkRedirect() {
  const { id } = useParams();
  return <Navigate to={`/partner/me/invitations/${id ?? ''}`} replace />;
}

// Users who ask their system for less motion get antd without its open/close animations. The browser journeys
// run that way too (reducedMotion in e2e/playwright.config.ts), so a click never lands on a half-open menu.
const REDUCED_MOTION = '(prefers-reduced-motion: reduce)';
function subscribeReducedMotion(onChange: () => void) {
  const query = window.matchMedia(REDUCED_MOTION);
  query.addEventListener('change', onChange);
  return () => query.removeEventListener('change', onChange);
}
function usePrefersReducedMotion(): boolean {
  return useSyncExternalStore(subscribeReducedMotion, () => window.matchMedia(REDUCED_MOTION).matches);
}

export function App() {
  const { i18n } = useTranslation();
  const reducedMotion = usePrefersReducedMotion();
  const english = i18n.language === 'en-US';
  useEffect(() => {
    dayjs.locale(english ? 'en' : 'zh-cn');
  }, [english]);
  return (
    <QueryClientProvider client={queryClient}>
      <ConfigProvider locale={english ? enUS : zhCN} theme={{ token: { colorPrimary: '#c7000b', borderRadius: 4, motion: !reducedMotion } }}>
        <AntApp>
          <BrowserRouter>
            <Suspense fallback={<PageSpin />}>
              <Routes>
                <Route path="/" element={<LandingPage />} />
                <Route path="/demo-inbox" element={<DemoInboxPage />} />
                <Route path="/me/invitations/:id" element={<InvitationLinkRedirect />} />
                <Route path="/partner/*" element={<PartnerApp />} />
                <Route path="/customer/*" element={<CustomerApp />} />
                <Route path="/ops/*" element={<OpsApp />} />
                <Route path="*" element={<NotFound />} />
              </Routes>
            </Suspense>
          </BrowserRouter>
        </AntApp>
      </ConfigProvider>
    </QueryClientProvider>
  );
}
