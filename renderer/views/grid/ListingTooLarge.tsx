// A county × day listing too large for the window: not asked for; the view says how to narrow it.
import { formatReportNumber } from '../../../shared/format';
import { LISTING_MAX_NUMBERS, type ListingSize } from '../../logic/listing';

/** A count as the notices print it: 59,727 → 5.97万. */
const formatCount = (n: number) => formatReportNumber(n, { kind: 'wan', sig: 3 }, '个');

export function ListingTooLarge({ listing, indicators }: { listing: ListingSize; indicators: number }) {
  return (
    <div className="overlay-center">
      <div className="empty-state" data-testid="listing-too-large" role="status">
        <p>
          县区×日期明细最多约 {listing.rows.toLocaleString('en-US')} 行 × {indicators} 项指标，约 {formatCount(listing.numbers)}{' '}
          个数，超过一次可显示的 {formatCount(LISTING_MAX_NUMBERS)} 个。
        </p>
        <p className="muted">请缩短日期范围、选定地区，或在“指标”中少选几项；也可以改为按县区或按日期汇总。</p>
      </div>
    </div>
  );
}
