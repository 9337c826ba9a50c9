import { useId, useState, type FormEvent } from 'react';
import type { Addon, ProductKind, TicketType } from '../api/shapes.ts';
import type { CartProduct } from '../cart/cart-context.tsx';
import { formatDateTime } from '../../shared/format/dates.ts';
import { formatMoney } from '../../shared/format/money.ts';
import { SALE_STATE_WORDS } from '../format/words.ts';
import { useAction } from '../../shared/hooks/use-action.ts';

const MAX_PER_ADD = 10;

function salesWindow(product: TicketType | Addon, timeZone: string): string | null {
  const from = product.availableFrom ? formatDateTime(product.availableFrom, timeZone) : null;
  const until = product.availableUntil ? formatDateTime(product.availableUntil, timeZone) : null;
  if (product.saleState === 'not_yet_on_sale' && from) return `Sales open ${from}`;
  if (product.saleState === 'sales_ended' && until) return `Sales ended ${until}`;
  return until ? `On sale until ${until}` : null;
}

function stockWords(product: TicketType | Addon): string | null {
  if (product.saleState === 'sold_out' || product.remaining === 0) return 'None left';
  if (product.remaining === null) return null;
  return `${product.remaining} left`;
}

interface ProductCardProps {
  kind: ProductKind;
  product: TicketType | Addon;
  timeZone: string;
  inCart: number;
  /** For an add-on: the names of the tickets it goes with. */
  requires?: string[];
  onAdd: (product: CartProduct, quantity: number) => Promise<void>;
}

/** One ticket type or add-on: what it costs, what it includes, when and how many are left. */
interface AddToCartProps {
  kind: ProductKind;
  product: TicketType | Addon;
  inCart: number;
  onAdd: (product: CartProduct, quantity: number) => Promise<void>;
}

/** Quantity and the add button; what the cart answers is said right under them. */
function AddToCart({ kind, product, inCart, onAdd }: AddToCartProps) {
  const id = useId();
  const action = useAction();
  const [quantity, setQuantity] = useState(1);
  const [added, setAdded] = useState(false);
  const limit = 'limitPerUser' in product ? product.limitPerUser : MAX_PER_ADD;
  const max = Math.max(1, Math.min(MAX_PER_ADD, limit, product.remaining ?? MAX_PER_ADD));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setAdded(false);
    const cartProduct = { kind, id: product.id, name: product.name, price: product.price };
    void action.run(() => onAdd(cartProduct, quantity)).then(setAdded);
  };

  return (
    <>
      <form className="add-form" onSubmit={submit}>
        <label htmlFor={`${id}-qty`}>Quantity</label>
        <select
          id={`${id}-qty`}
          value={quantity}
          onChange={(event) => setQuantity(Number(event.target.value))}
        >
          {Array.from({ length: max }, (_, i) => i + 1).map((n) => (
            <option key={n} value={n}>
              {n}
            </option>
          ))}
        </select>
        <button
          type="submit"
          className="button"
          disabled={action.pending}
          aria-describedby={action.error ? `${id}-error` : undefined}
        >
          {action.pending ? 'Adding…' : 'Add to cart'}
          <span className="visually-hidden">: {product.name}</span>
        </button>
      </form>
      {inCart > 0 && (
        <p className="in-cart" role={added ? 'status' : undefined}>
          {added ? 'Added. ' : ''}
          {inCart} in your cart.
        </p>
      )}
      {action.error && (
        <p className="field-error" role="alert" id={`${id}-error`}>
          {action.error.message}
        </p>
      )}
    </>
  );
}

export function ProductCard({
  kind,
  product,
  timeZone,
  inCart,
  requires,
  onAdd,
}: ProductCardProps) {
  const titleId = `${useId()}-title`;
  const salesText = salesWindow(product, timeZone);
  const stock = stockWords(product);
  const unlocked = 'requiresVoucher' in product && product.requiresVoucher;
  return (
    <article
      className={`card product product-${product.saleState}`}
      aria-labelledby={titleId}
      data-testid={`product-${product.slug}`}
    >
      <div className="product-head">
        <h3 id={titleId}>{product.name}</h3>
        <p className="price">{formatMoney(product.price, product.currency)}</p>
      </div>
      {unlocked && <p className="badge badge-unlocked">Unlocked by your voucher</p>}
      {product.description && (
        <div className="included">
          <h4 className="visually-hidden">What is included</h4>
          <p>{product.description}</p>
        </div>
      )}
      {requires && requires.length > 0 && (
        <p className="muted">Goes with a ticket: {requires.join(' or ')}.</p>
      )}
      <p className="product-status">
        <span className={`badge badge-${product.saleState}`}>
          {SALE_STATE_WORDS[product.saleState]}
        </span>
        {stock && product.saleState === 'on_sale' && <span className="stock">{stock}</span>}
        {salesText && <span className="muted window">{salesText}</span>}
      </p>
      {product.isAvailable ? (
        <AddToCart kind={kind} product={product} inCart={inCart} onAdd={onAdd} />
      ) : (
        <p className="unavailable">
          {product.saleState === 'sold_out'
            ? 'Sold out: no more can be bought.'
            : 'Not available to buy right now.'}
        </p>
      )}
    </article>
  );
}
