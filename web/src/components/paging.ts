import type { TablePaginationConfig } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * A list page's paging: the page and page size it asks the API for, and the antd `pagination` prop that shows
 * 共 N 条 with a size changer. `reset()` goes back to page 1 (after a new search). The server pages and filters;
 * this only keeps the numbers.
 */
export function usePaging(initialPageSize = 10) {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(initialPageSize);
  return {
    page,
    pageSize,
    setPage,
    reset: () => setPage(1),
    pagination: (total: number | undefined, extra?: TablePaginationConfig): TablePaginationConfig => ({
      current: page,
      pageSize,
      total: total ?? 0,
      showSizeChanger: true,
      showTotal: (n) => t('common.total', { total: n }),
      onChange: (p, s) => {
        setPage(p);
        setPageSize(s);
      },
      ...extra,
    }),
  };
}
