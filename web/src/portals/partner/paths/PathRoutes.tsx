import { Navigate, Route, Routes, useLocation } from 'react-router';
import { PATHS_BASE } from './api';
import { ExplorePathsPage } from './ExplorePathsPage';
import { PathDetailPage } from './PathDetailPage';

/** 主页 > 发展路径 (/home/paths/*): 探索发展路径 and 发展路径详情. */
export function PathRoutes() {
  return (
    <Routes>
      <Route index element={<ExplorePathsPage />} />
      <Route path=":type" element={<PathDetailPage />} />
    </Routes>
  );
}

/** /partner/paths (older links) → 主页 > 发展路径, keeping ?select= of the invitation e-mail. */
export function PathsRedirect() {
  const { search } = useLocation();
  return <Navigate to={PATHS_BASE + search} replace />;
}
