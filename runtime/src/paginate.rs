//! Paginators: every page of a paginated operation, one call each.
//!
//! A generated client has `<operation>_pages(request)` for each operation that pages; it
//! returns [`Pages`], a [`Stream`](futures_core::Stream) of the outputs (also walkable without
//! a stream library: [`Pages::next`]). [`Pages::items`] flattens it into the list's items.
//!
//! Each page is a normal call (credentials, signature, retries, `meta()`). Paging stops after
//! an error, on a page without items, when the total the response announces is reached, on
//! a missing or empty next token, and on a token seen before (never a loop).
//!
//! ```no_run
//! # async fn example<O>(pages: acs_runtime::Pages<O>) -> Result<(), acs_runtime::SdkError<O::Error>>
//! # where O: acs_runtime::Paginate, O::Item: std::fmt::Debug, O::Output: 'static, O::Error: Send + 'static {
//! // `pages` is what a generated client's `describe_instances_pages(request)` returns.
//! let mut items = pages.page_size(50).items();
//! while let Some(item) = items.next().await {
//!     println!("{:?}", item?);
//! }
//! # Ok(())
//! # }
//! ```

use crate::client::{CallOptions, Client};
use crate::error::SdkError;
use crate::operation::Operation;
use std::collections::HashSet;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

/// How an operation's pages follow each other.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Paging {
    /// The response's next token asks for the next page (`NextToken`).
    Token,
    /// Page numbers count up from the request's (`PageNumber`, 1 when unset).
    Number,
}

/// Implemented by the request of every paginated operation (generated).
pub trait Paginate: Operation + Clone + Unpin + 'static {
    /// An element of the response's list.
    type Item: Clone + Send + Unpin + 'static;
    /// By token or by page number.
    const PAGING: Paging;
    /// Asks for the page after the one that returned `token`.
    fn set_token(&mut self, _token: String) {}
    /// The page this request asks for (by number; 1 when unset).
    fn page(&self) -> i64 {
        1
    }
    /// Asks for page `page` (by number).
    fn set_page(&mut self, _page: i64) {}
    /// Sets the number of items per page, when the operation takes one.
    fn set_page_size(&mut self, _size: i64) {}
    /// The token of the next page (by token).
    fn next_token(_output: &Self::Output) -> Option<&str> {
        None
    }
    /// The number of items in all pages, when the response says it.
    fn total(_output: &Self::Output) -> Option<i64> {
        None
    }
    /// The page's items.
    fn items(output: &Self::Output) -> &[Self::Item];
}

type Answer<O> = Result<<O as Operation>::Output, SdkError<<O as Operation>::Error>>;
type ItemAnswer<O> = Result<<O as Paginate>::Item, SdkError<<O as Operation>::Error>>;
type PageFuture<O> = Pin<Box<dyn Future<Output = Answer<O>> + Send>>;

/// The pages of a paginated operation: a [`Stream`](futures_core::Stream) of
/// `Result<Output, SdkError<Error>>`.
#[must_use = "a paginator does nothing until its pages are asked for"]
pub struct Pages<O: Paginate> {
    client: Client,
    options: CallOptions,
    /// The request of the next page, if there is one.
    next: Option<O>,
    /// The page being fetched, and its request.
    in_flight: Option<(PageFuture<O>, O)>,
    tokens: HashSet<String>,
    items_seen: u64,
}

impl<O: Paginate> std::fmt::Debug for Pages<O> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Pages")
            .field("action", &O::ACTION)
            .field("items_seen", &self.items_seen)
            .field("done", &(self.next.is_none() && self.in_flight.is_none()))
            .finish()
    }
}

impl<O> Pages<O>
where
    O: Paginate,
    O::Output: 'static,
    O::Error: Send + 'static,
{
    /// The pages of `request`, from the page it asks for, called with `options`.
    pub fn new(client: Client, request: O, options: CallOptions) -> Self {
        Self {
            client,
            options,
            next: Some(request),
            in_flight: None,
            tokens: HashSet::new(),
            items_seen: 0,
        }
    }

    /// Sets the number of items per page (when the operation takes one; the service's
    /// default otherwise). Takes effect from the next page asked for.
    pub fn page_size(mut self, size: i64) -> Self {
        if let Some(next) = &mut self.next {
            next.set_page_size(size);
        }
        self
    }

    /// The next page, or `None` after the last one.
    pub async fn next(&mut self) -> Option<Answer<O>> {
        std::future::poll_fn(|cx| self.poll_page(cx)).await
    }

    /// The items of every page, in order: a [`Stream`](futures_core::Stream) of
    /// `Result<Item, SdkError<Error>>`.
    pub fn items(self) -> Items<O> {
        Items {
            pages: self,
            buffer: Vec::new().into_iter(),
        }
    }

    fn poll_page(&mut self, cx: &mut Context<'_>) -> Poll<Option<Answer<O>>> {
        if self.in_flight.is_none() {
            let Some(request) = self.next.take() else {
                return Poll::Ready(None);
            };
            let call = self
                .client
                .clone()
                .call_owned(request.clone(), self.options.clone());
            self.in_flight = Some((Box::pin(call), request));
        }
        let Some((call, _)) = &mut self.in_flight else {
            return Poll::Ready(None);
        };
        let answer = match call.as_mut().poll(cx) {
            Poll::Pending => return Poll::Pending,
            Poll::Ready(answer) => answer,
        };
        if let (Some((_, request)), Ok(output)) = (self.in_flight.take(), &answer) {
            self.next = self.following(request, output);
        }
        Poll::Ready(Some(answer))
    }

    /// The request of the page after the one `request` got `output` for, if there is one.
    fn following(&mut self, mut request: O, output: &O::Output) -> Option<O> {
        let count = O::items(output).len() as u64;
        if count == 0 {
            return None;
        }
        self.items_seen += count;
        // A total of 0 beside items is no total (some services send 0 when paging by token).
        if O::total(output).is_some_and(|total| total > 0 && self.items_seen >= total as u64) {
            return None;
        }
        match O::PAGING {
            Paging::Token => {
                let token = O::next_token(output).filter(|t| !t.is_empty())?;
                if !self.tokens.insert(token.to_string()) {
                    tracing::warn!(
                        action = O::ACTION,
                        "the service repeated a next token; paging stops"
                    );
                    return None;
                }
                request.set_token(token.to_string());
            }
            Paging::Number => {
                let page = request.page();
                request.set_page(page.saturating_add(1));
            }
        }
        Some(request)
    }
}

impl<O> futures_core::Stream for Pages<O>
where
    O: Paginate,
    O::Output: 'static,
    O::Error: Send + 'static,
{
    type Item = Answer<O>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        self.get_mut().poll_page(cx)
    }
}

/// The items of every page ([`Pages::items`]): a [`Stream`](futures_core::Stream) of
/// `Result<Item, SdkError<Error>>`; an error ends it.
#[must_use = "a paginator does nothing until its items are asked for"]
pub struct Items<O: Paginate> {
    pages: Pages<O>,
    buffer: std::vec::IntoIter<O::Item>,
}

impl<O: Paginate> std::fmt::Debug for Items<O> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Items").field("pages", &self.pages).finish()
    }
}

impl<O> Items<O>
where
    O: Paginate,
    O::Output: 'static,
    O::Error: Send + 'static,
{
    /// The next item, or `None` after the last one.
    pub async fn next(&mut self) -> Option<ItemAnswer<O>> {
        std::future::poll_fn(|cx| self.poll_item(cx)).await
    }

    /// Every item, or the first error.
    pub async fn collect(mut self) -> Result<Vec<O::Item>, SdkError<O::Error>> {
        let mut all = Vec::new();
        while let Some(item) = self.next().await {
            all.push(item?);
        }
        Ok(all)
    }

    fn poll_item(&mut self, cx: &mut Context<'_>) -> Poll<Option<ItemAnswer<O>>> {
        loop {
            if let Some(item) = self.buffer.next() {
                return Poll::Ready(Some(Ok(item)));
            }
            match self.pages.poll_page(cx) {
                Poll::Pending => return Poll::Pending,
                Poll::Ready(None) => return Poll::Ready(None),
                Poll::Ready(Some(Err(e))) => return Poll::Ready(Some(Err(e))),
                Poll::Ready(Some(Ok(output))) => {
                    self.buffer = O::items(&output).to_vec().into_iter();
                }
            }
        }
    }
}

impl<O> futures_core::Stream for Items<O>
where
    O: Paginate,
    O::Output: 'static,
    O::Error: Send + 'static,
{
    type Item = ItemAnswer<O>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        self.get_mut().poll_item(cx)
    }
}
