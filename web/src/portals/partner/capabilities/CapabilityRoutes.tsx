import { Route, Routes } from 'react-router';
import { ApplyCapabilityPage } from './ApplyCapabilityPage';
import { CapabilitiesPage } from './CapabilitiesPage';
import { CapabilityRecordPage } from './CapabilityRecordPage';

/** 能力 > 能力认证 (/capabilities/*): the tabs, 申请认证 and 申请详情. */
export function CapabilityRoutes() {
  return (
    <Routes>
      <Route index element={<CapabilitiesPage />} />
      <Route path="apply" element={<ApplyCapabilityPage />} />
      <Route path="records/:id" element={<CapabilityRecordPage />} />
    </Routes>
  );
}
