import { useId, type Ref } from 'react'

const INPUT_CLASS =
  'block w-full rounded-md border-0 bg-white px-3 py-2 text-sm text-zinc-900 shadow-sm ring-1 ring-inset ring-zinc-300 placeholder:text-zinc-400 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-indigo-500 aria-invalid:ring-red-500'

function FieldMessages({ hint, hintId, errors, errorId }: { hint?: string; hintId: string; errors: readonly string[]; errorId: string }) {
  return (
    <>
      {hint && (
        <p id={hintId} className="text-xs text-zinc-500">
          {hint}
        </p>
      )}
      {errors.length > 0 && (
        <p id={errorId} role="alert" className="text-sm text-red-600">
          {errors.map((message, index) => (
            <span key={index} className="block">
              {message}
            </span>
          ))}
        </p>
      )}
    </>
  )
}

function describedBy(hint: string | undefined, hintId: string, errors: readonly string[], errorId: string): string | undefined {
  const ids = [hint ? hintId : null, errors.length > 0 ? errorId : null].filter(Boolean)
  return ids.length > 0 ? ids.join(' ') : undefined
}

export interface TextFieldProps {
  label: string
  value: string
  onChange: (value: string) => void
  type?: 'text' | 'email' | 'password' | 'date' | 'search'
  errors?: readonly string[]
  hint?: string
  /** Keeps the label for screen readers only. */
  hideLabel?: boolean
  autoComplete?: string
  required?: boolean
  maxLength?: number
  placeholder?: string
  /** Receives focus when its page opens (see router/focus.ts). */
  autofocus?: boolean
  inputMode?: 'numeric' | 'text'
  ref?: Ref<HTMLInputElement>
}

export function TextField({
  label,
  value,
  onChange,
  type = 'text',
  errors = [],
  hint,
  hideLabel = false,
  autoComplete,
  required = false,
  maxLength,
  placeholder,
  autofocus = false,
  inputMode,
  ref,
}: TextFieldProps) {
  const id = useId()
  const hintId = `${id}-hint`
  const errorId = `${id}-error`
  return (
    <div className="flex flex-col gap-1.5">
      <label htmlFor={id} className={hideLabel ? 'sr-only' : 'text-sm font-medium text-zinc-700'}>
        {label}
      </label>
      <input
        id={id}
        ref={ref}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        type={type}
        autoComplete={autoComplete}
        required={required}
        maxLength={maxLength}
        placeholder={placeholder}
        inputMode={inputMode}
        data-autofocus={autofocus || undefined}
        aria-invalid={errors.length > 0 || undefined}
        aria-describedby={describedBy(hint, hintId, errors, errorId)}
        className={INPUT_CLASS}
      />
      <FieldMessages hint={hint} hintId={hintId} errors={errors} errorId={errorId} />
    </div>
  )
}

export interface TextAreaFieldProps {
  label: string
  value: string
  onChange: (value: string) => void
  errors?: readonly string[]
  hint?: string
  rows?: number
  maxLength?: number
  placeholder?: string
  ref?: Ref<HTMLTextAreaElement>
}

export function TextAreaField({ label, value, onChange, errors = [], hint, rows = 10, maxLength, placeholder, ref }: TextAreaFieldProps) {
  const id = useId()
  const hintId = `${id}-hint`
  const errorId = `${id}-error`
  return (
    <div className="flex flex-col gap-1.5">
      <label htmlFor={id} className="text-sm font-medium text-zinc-700">
        {label}
      </label>
      <textarea
        id={id}
        ref={ref}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        rows={rows}
        maxLength={maxLength}
        placeholder={placeholder}
        aria-invalid={errors.length > 0 || undefined}
        aria-describedby={describedBy(hint, hintId, errors, errorId)}
        className="block w-full resize-y rounded-md border-0 bg-white px-3 py-2 text-sm leading-6 text-zinc-900 shadow-sm ring-1 ring-inset ring-zinc-300 placeholder:text-zinc-400 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-indigo-500 aria-invalid:ring-red-500"
      />
      <FieldMessages hint={hint} hintId={hintId} errors={errors} errorId={errorId} />
    </div>
  )
}
