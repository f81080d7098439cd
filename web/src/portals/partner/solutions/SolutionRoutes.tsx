import { Route, Routes } from 'react-router';
import type { SolutionKind } from './api';
import { RecertifyPage } from './RecertifyPage';
import { SolutionDetailPage } from './SolutionDetailPage';
import { SolutionFormPage } from './SolutionFormPage';
import { SolutionListPage } from './SolutionListPage';

/** 构建 > 云软件方案 (/build/cloud-software/*) and 构建 > 先进云软件方案 (/build/advanced-software/*). */
export function SolutionRoutes({ kind }: { kind: SolutionKind }) {
  return (
    <Routes>
      <Route index element={<SolutionListPage key={kind} kind={kind} />} />
      <Route path="create" element={<SolutionFormPage key={`${kind}-create`} kind={kind} />} />
      <Route path=":id" element={<SolutionDetailPage kind={kind} />} />
      <Route path=":id/edit" element={<SolutionFormPage key={`${kind}-edit`} kind={kind} />} />
      <Route path=":id/recertify" element={<RecertifyPage kind={kind} />} />
    </Routes>
  );
}
